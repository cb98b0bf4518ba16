import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { staffRoles, type Role } from '$lib/roles';
import { hashPassword } from '$lib/server/passwords';
import { signedInAs, useAppUnderTest } from '../../../scripts/testing/app-under-test';
import { callHandler, type Answer } from '../../../scripts/testing/call-handler';
import { signIn } from '../../../scripts/testing/http-session';
import { databaseFingerprint } from '../../../scripts/testing/database-fingerprint';
import { realParams } from '../../../scripts/testing/route-fixtures';
import { routeTree, type RouteHandler } from '../../../scripts/testing/route-tree';

/**
 * The guard test: every load, action and endpoint of the route tree, found in the route files at
 * test time, is called signed out, as each role and as a deactivated admin, on real records, and
 * must answer as the table below allows: signed out → sign in first (a redirect to /signin, 401
 * for /api), a role it does not allow or a deactivated account → 403 with the reason, writing
 * nothing anywhere; an allowed caller → an answer (below 500, no refusal). A handler missing from
 * the table fails until someone decides who may call it.
 */

type Audience = 'anyone' | 'signed in' | 'staff' | 'admins';

// prettier-ignore
const whoMayCall: Record<string, Audience> = {
	'layout /(app)':                                  'signed in',
	'load /':                                         'signed in',
	'load /[...path]':                                'signed in',
	'load /account/password':                         'signed in',
	'action /account/password':                       'signed in',
	'load /audit':                                    'staff',
	'GET /audit/export':                              'staff',
	'load /groups':                                   'staff',
	'load /groups/[id]':                              'staff',
	'action /groups/[id] ?/details':                  'admins',
	'action /groups/[id] ?/add':                      'admins',
	'action /groups/[id] ?/remove':                   'admins',
	'load /groups/[id]/delete':                       'staff',
	'action /groups/[id]/delete':                     'admins',
	'load /groups/new':                               'staff',
	'action /groups/new':                             'admins',
	'load /inspect':                                  'staff',
	'load /invite/[token]':                           'anyone',
	'action /invite/[token] ?/accept':                'anyone',
	'action /invite/[token] ?/provider':              'anyone',
	'load /me':                                       'signed in',
	'load /people':                                   'staff',
	'action /people ?/bulk':                          'admins',
	'load /people/[id]':                              'staff',
	'action /people/[id] ?/profile':                  'admins',
	'action /people/[id] ?/deactivate':               'admins',
	'action /people/[id] ?/reactivate':               'admins',
	'action /people/[id] ?/setPassword':              'admins',
	'action /people/[id] ?/generatePassword':         'admins',
	'action /people/[id] ?/newInvite':                'admins',
	'load /people/[id]/delete':                       'staff',
	'action /people/[id]/delete':                     'admins',
	'GET /people/export':                             'staff',
	'load /people/import':                            'staff',
	'action /people/import ?/preview':                'staff',
	'action /people/import ?/apply':                  'admins',
	'load /people/new':                               'staff',
	'action /people/new':                             'admins',
	'load /requests':                                 'staff',
	'load /requests/[id]':                            'staff',
	'action /requests/[id] ?/approve':                'admins',
	'action /requests/[id] ?/decline':                'admins',
	'load /rooms':                                    'staff',
	'action /rooms ?/sync':                           'admins',
	'load /rooms/[id]/access':                        'staff',
	'action /rooms/[id]/access ?/save':               'admins',
	'load /rooms/[id]/delete':                        'staff',
	'action /rooms/[id]/delete':                      'admins',
	'load /rooms/[id]/live':                          'signed in',
	'load /rooms/[id]/people':                        'staff',
	'load /rooms/[id]/request-access':                'signed in',
	'action /rooms/[id]/request-access':              'signed in',
	'load /rooms/bulk':                               'staff',
	'load /rooms/bulk/[jobId=bulkJobId]':             'staff',
	'action /rooms/bulk/[jobId=bulkJobId] ?/cancel':  'admins',
	'action /rooms/bulk/[jobId=bulkJobId] ?/resume':  'admins',
	'GET /rooms/bulk/[jobId=bulkJobId]/progress':     'staff',
	'load /rooms/bulk/new':                           'staff',
	'action /rooms/bulk/new ?/preview':               'admins',
	'action /rooms/bulk/new ?/start':                 'admins',
	'load /rooms/new':                                'staff',
	'action /rooms/new':                              'admins',
	'POST /rooms/sync':                               'admins',
	'load /signin':                                   'anyone',
	'action /signin ?/credentials':                   'anyone',
	'action /signin ?/provider':                      'anyone',
	'load /signout':                                  'anyone',
	'action /signout':                                'anyone',
	'GET /api/directory/search':                      'staff',
	'POST /api/liveblocks-auth':                      'signed in',
	'GET /api/people/search':                         'staff',
	'GET /api/rooms/search':                          'staff'
};

const app = useAppUnderTest('every_handler_is_guarded');
const handlers = routeTree();

type Caller = { name: string; role: Role | null; active: boolean; signIn: () => Promise<string | undefined> };

/** An admin signed in before being deactivated: the cookie is valid, the account is not. */
async function deactivatedAdmin(): Promise<string> {
	const email = `deactivated-${randomUUID()}@example.com`;
	await app.db.person.create({
		data: { email, name: 'Deactivated admin', role: 'admin', passwordHash: await hashPassword('pw') }
	});
	const cookie = await signIn(app.url, email, 'pw');
	await app.db.person.update({ where: { email }, data: { status: 'deactivated' } });
	return cookie;
}

const callers: Caller[] = [
	{ name: 'signed out', role: null, active: false, signIn: async () => undefined },
	{ name: 'a deactivated admin', role: 'admin', active: false, signIn: deactivatedAdmin },
	{ name: 'a member', role: 'member', active: true, signIn: () => signedInAs(app, 'member') },
	{ name: 'a support person', role: 'support', active: true, signIn: () => signedInAs(app, 'support') },
	{ name: 'an admin', role: 'admin', active: true, signIn: () => signedInAs(app, 'admin') }
];

/** Handlers that end the caller's session: each call gets a session of its own. */
const endsTheSession = new Set(['action /signout']);

type Expected = 'an answer' | 'sign in first' | 'refused';

function expectedFor(audience: Audience, caller: Caller): Expected {
	if (audience === 'anyone') return 'an answer';
	if (!caller.role) return 'sign in first';
	if (!caller.active) return 'refused';
	if (audience === 'signed in') return 'an answer';
	const allowed: readonly Role[] = audience === 'staff' ? staffRoles : ['admin'];
	return allowed.includes(caller.role) ? 'an answer' : 'refused';
}

function expectAnswer(
	handler: RouteHandler,
	audience: Audience,
	answer: Answer,
	expected: Expected,
	what: string
) {
	const said = `${what} answered ${answer.status} ${answer.location ?? ''} ${answer.message.slice(0, 200)}`;
	switch (expected) {
		case 'sign in first':
			if (handler.path.startsWith('/api/')) {
				expect(answer.status, said).toBe(401);
			} else {
				expect(answer.status, said).toBe(303);
				expect(answer.location, said).toMatch(/^\/signin\?redirectTo=/);
			}
			return;
		case 'refused':
			expect(answer.status, said).toBe(403);
			expect(answer.message.trim(), `${said}: the refusal says why`).not.toBe('');
			return;
		case 'an answer':
			expect(answer.status, said).toBeLessThan(500);
			expect([401, 403], said).not.toContain(answer.status);
			if (audience !== 'anyone') {
				expect(answer.location ?? '', said).not.toMatch(/^\/(signin|account\/password)\b/);
			}
	}
}

describe('every handler of the route tree', () => {
	const cookies = new Map<Caller, string | undefined>();

	beforeAll(async () => {
		for (const caller of callers) cookies.set(caller, await caller.signIn());
	});

	it('is in the table of who may call it, and the table names nothing else', () => {
		const found = handlers.map((handler) => handler.key);
		const missing = found.filter((key) => !(key in whoMayCall));
		expect(missing, `Add these to whoMayCall in ${import.meta.filename}: who may call them?`).toEqual([]);
		const stale = Object.keys(whoMayCall).filter((key) => !found.includes(key));
		expect(stale, 'These are no longer in the route tree: remove them from whoMayCall').toEqual([]);
		expect(found).toContain('layout /(app)');
		expect(found).toContain('POST /api/liveblocks-auth');
	});

	it.each(handlers.map((handler) => [handler.key, handler] as const))(
		'%s refuses or answers as its audience allows',
		async (key, handler) => {
			const audience = whoMayCall[key];
			if (!audience) throw new Error(`${key} is not in whoMayCall: add it with who may call it`);
			const params = await realParams(app, handler.path);
			const fill = (param: string) => params[param]!;
			for (const caller of callers) {
				const expected = expectedFor(audience, caller);
				const cookie = endsTheSession.has(key) ? await caller.signIn() : cookies.get(caller);
				const before = expected === 'an answer' ? null : await databaseFingerprint(app.db);
				const answer = await callHandler(app.url, handler, { cookie, fill });
				expectAnswer(handler, audience, answer, expected, `${key} called by ${caller.name}`);
				if (before) {
					expect(await databaseFingerprint(app.db), `${key} refused ${caller.name} but wrote`).toEqual(
						before
					);
				}
			}
		}
	);
});
