import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '$lib/server/passwords';
import { nulMessage } from '$lib/schemas/text';
import { signedInAs, useAppUnderTest } from '../../../scripts/testing/app-under-test';
import { signIn } from '../../../scripts/testing/http-session';

/**
 * Hostile input thrown at every form action, endpoint and page of the route tree, as the built
 * app serves them: a NUL in the address or in the fields, a forged or unreadable form body, ids of
 * 128, 129 and 500 characters, cursors Date.parse accepts and PostgreSQL does not. Each answer is
 * a 4xx with a message (or the first page, for a stale cursor), never a 500, and nothing is written.
 */

const app = useAppUnderTest('hostile_input');

const routesDir = join(import.meta.dirname, '../../routes');

type Handler = { path: string; method: 'GET' | 'POST'; action?: string };

/** `src/routes/(app)/people/[id]/+page.server.ts` → `/people/[id]`. */
function templateOf(file: string): string {
	const segments = relative(routesDir, file).split(sep).slice(0, -1);
	return `/${segments.filter((segment) => !/^\(.*\)$/.test(segment)).join('/')}`;
}

function serverFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return serverFiles(path);
		return /^\+(page\.server|server)\.ts$/.test(entry.name) ? [path] : [];
	});
}

/** Every page load, form action and endpoint method, read from the route files. */
function routeTree(): Handler[] {
	return serverFiles(routesDir).flatMap((file) => {
		const source = readFileSync(file, 'utf8');
		const path = templateOf(file);
		if (file.endsWith('+server.ts')) {
			return [...source.matchAll(/export const (GET|POST)\b/g)].map((match) => ({
				path,
				method: match[1] as 'GET' | 'POST'
			}));
		}
		// `{ default: … };` on one line, or one action per line, one tab in, up to the closing `};`.
		const oneLine = /^export const actions: Actions = \{ (.*) \};$/m.exec(source)?.[1];
		const block = oneLine ?? /^export const actions: Actions = \{\n([\s\S]*?)\n\};$/m.exec(source)?.[1] ?? '';
		const actions = [...block.matchAll(oneLine ? /(?:^|, )(\w+): /g : /^\t(\w+): /gm)].map(
			(match) => match[1]!
		);
		const handlers: Handler[] = actions.map((action) => ({ path, method: 'POST', action }));
		if (/export const load\b/.test(source)) handlers.push({ path, method: 'GET' });
		return handlers;
	});
}

const handlers = routeTree();
const actions = handlers.filter((handler) => handler.action);
const withIds = handlers.filter((handler) => handler.path.includes('['));

const hostileIds = { 128: 'x'.repeat(128), 129: 'x'.repeat(129), 500: 'x'.repeat(500) };

function urlOf(handler: Handler, id = 'x'.repeat(128)): string {
	const path = handler.path.replace(/\[[^\]]+\]/g, id);
	if (!handler.action) return path;
	return handler.action === 'default' ? path : `${path}?/${handler.action}`;
}

const describeHandler = (handler: Handler) =>
	`${handler.method} ${handler.path}${handler.action ? ` ?/${handler.action}` : ''}`;

/** A browser without JavaScript: real statuses, redirects not followed. */
async function send(
	path: string,
	init: { method?: string; cookie?: string; body?: BodyInit; contentType?: string } = {}
): Promise<{ status: number; text: string; location: string | null }> {
	const headers: Record<string, string> = { origin: app.url, accept: 'text/html' };
	if (init.cookie) headers.cookie = init.cookie;
	if (init.contentType) headers['content-type'] = init.contentType;
	const response = await fetch(`${app.url}${path}`, {
		method: init.method ?? 'GET',
		headers,
		body: init.body,
		redirect: 'manual'
	});
	return { status: response.status, text: await response.text(), location: response.headers.get('location') };
}

const post = (path: string, cookie: string | undefined, fields: URLSearchParams) =>
	send(path, {
		method: 'POST',
		cookie,
		body: fields,
		contentType: 'application/x-www-form-urlencoded'
	});

/** The same path with a NUL in its query, whether or not the path already has one. */
const withNulQuery = (path: string) => `${path}${path.includes('?') ? '&' : '?'}q=a%00b`;

/** Every text field some Gatehouse form reads, each holding a NUL. */
function fieldsWithNul(): URLSearchParams {
	const nul = 'a\u0000b';
	const json = JSON.stringify({
		defaultAccesses: [],
		groupsAccesses: { [nul]: ['*:read'] },
		usersAccesses: {}
	});
	const fields = new URLSearchParams();
	for (const name of [
		'name',
		'email',
		'description',
		'id',
		'organizationId',
		'metadataKeys',
		'metadataValues',
		'copyFrom',
		'message',
		'reason',
		'current',
		'password',
		'confirm',
		'emails',
		'personIds',
		'personEmails',
		'ids',
		'group',
		'groupId',
		'q',
		'org',
		'rooms',
		'digest',
		'operation',
		'avatarUrl',
		'color'
	]) {
		fields.append(name, nul);
	}
	fields.set('loaded', json);
	fields.set('edited', json);
	fields.set('level', 'view');
	fields.set('csv', `email,name\nmia${nul}@example.com,Mia\n`);
	return fields;
}

/**
 * Actions with nothing to put a NUL into: run, they would do their work. Each still meets the
 * address and body probes. With a path id, an action runs against an id nothing has.
 */
const takesNoFields: Record<string, string> = {
	'/rooms ?/sync': 'syncs the index from Liveblocks',
	'/signin ?/provider': 'hands over to an identity provider',
	'/signout ?/default': 'ends the session (probed signed out)'
};
const keyOf = (handler: Handler) => `${handler.path} ?/${handler.action}`;

async function rowCounts() {
	const { db } = app;
	return {
		people: await db.person.count(),
		accounts: await db.account.count(),
		groups: await db.group.count(),
		memberships: await db.groupMembership.count(),
		audit: await db.auditEvent.count(),
		rateLimits: await db.rateLimit.count(),
		rooms: await db.room.count(),
		grants: await db.roomGrant.count(),
		bulkJobs: await db.bulkJob.count(),
		bulkJobRooms: await db.bulkJobRoom.count(),
		accessRequests: await db.accessRequest.count()
	};
}

function expectRefused(answer: { status: number; text: string }, what: string) {
	expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
	expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
	expect(answer.text.trim().length, `${what} says why`).toBeGreaterThan(0);
}

describe('hostile input', () => {
	let admin: string;
	let before: Awaited<ReturnType<typeof rowCounts>>;

	beforeAll(async () => {
		admin = await signedInAs(app, 'admin');
		before = await rowCounts();
	});

	it('finds the route tree', () => {
		expect(actions.map(keyOf)).toEqual(
			expect.arrayContaining(['/people ?/bulk', '/signin ?/credentials', '/rooms/[id]/access ?/save'])
		);
		expect(handlers).toContainEqual({ path: '/people/export', method: 'GET' });
		expect(handlers).toContainEqual({ path: '/api/liveblocks-auth', method: 'POST' });
		for (const key of Object.keys(takesNoFields)) expect(actions.map(keyOf)).toContain(key);
	});

	it('refuses a NUL in the address of every page, action and endpoint, signed in or not', async () => {
		for (const handler of handlers) {
			for (const cookie of [admin, undefined]) {
				const answer =
					handler.method === 'GET'
						? await send(withNulQuery(urlOf(handler)), { cookie })
						: await post(withNulQuery(urlOf(handler)), cookie, new URLSearchParams({ a: 'b' }));
				expect(answer.status, describeHandler(handler)).toBe(400);
				expect(answer.text).toContain('The address contains a NUL character');
			}
		}
		// Encoded in the path too: an id with a NUL.
		const answer = await send('/people/a%00b', { cookie: admin });
		expect(answer.status).toBe(400);
	});

	it('refuses a forged __superform_json on every action, signed in or not', async () => {
		const payloads = ['not devalue', '[{"name":1},{"a":2},3]', '[{"personIds":1,"ids":1},"x"]', '[1'];
		for (const handler of actions) {
			for (const cookie of [admin, undefined]) {
				for (const payload of payloads) {
					const answer = await post(
						urlOf(handler),
						cookie,
						new URLSearchParams({ __superform_json: payload, name: 'x' })
					);
					expect(answer.status, `${describeHandler(handler)} with ${payload}`).toBe(400);
					expect(answer.text).toContain('__superform_json');
				}
			}
		}
	});

	it('refuses a form body that does not parse as what it claims to be', async () => {
		for (const handler of actions) {
			const answer = await send(urlOf(handler), {
				method: 'POST',
				cookie: admin,
				body: '--nothing like the boundary\r\n',
				contentType: 'multipart/form-data; boundary=gatehouse'
			});
			expect(answer.status, describeHandler(handler)).toBe(400);
			expect(answer.text).toContain('The form data could not be read');
		}
	});

	it('answers a NUL in any field of any action with a 4xx and a message', async () => {
		for (const handler of actions) {
			if (keyOf(handler) in takesNoFields && !handler.path.includes('[')) continue;
			// The sign-in page sends a signed-in visitor on, so its form is for the signed out.
			const cookie = handler.path === '/signin' ? undefined : admin;
			const answer = await post(urlOf(handler), cookie, fieldsWithNul());
			if (keyOf(handler) === '/people/import ?/preview') {
				// The dry run shows the row's error: that is its answer to a bad file.
				expect(answer.status).toBe(200);
				expect(answer.text).toContain(nulMessage);
				continue;
			}
			expectRefused(answer, describeHandler(handler));
		}
	});

	it('shows the NUL message next to the field of a form', async () => {
		const answer = await post('/groups/new', admin, new URLSearchParams({ id: 'ok', name: 'a\u0000b' }));
		expect(answer.status).toBe(400);
		expect(answer.text).toContain(nulMessage);
	});

	it('answers ids of 128, 129 and 500 characters in every path with a 4xx, never a 500', async () => {
		for (const handler of withIds) {
			for (const [length, id] of Object.entries(hostileIds)) {
				const url = urlOf(handler, id);
				const answer =
					handler.method === 'GET'
						? await send(url, { cookie: admin })
						: await post(url, admin, fieldsWithNul());
				const what = `${describeHandler(handler)} with an id of ${length}`;
				// The live room is a page that reports what Liveblocks says when it joins.
				if (handler.path === '/rooms/[id]/live' && length === '128') {
					expect(answer.status, what).toBe(200);
					continue;
				}
				expectRefused(answer, what);
				if (length !== '128') expect(answer.status, what).toBe(404);
			}
		}
	});

	it('starts from the first page for cursors Date.parse accepts and PostgreSQL does not', async () => {
		const cursor = (key: string[]) => Buffer.from(JSON.stringify(key)).toString('base64url');
		const bad = [
			cursor(['foo 1', 'x']),
			cursor(['+275760-09-13T00:00:00.000Z', 'x']),
			cursor(['2026-12-01T00:00:00.000Z', 'a\u0000b']),
			cursor(['2026-12-01T00:00:00.000Z', '99999999999999999999']),
			cursor(['2026-12-01T00:00:00.000Z', '9999999999999999999'])
		];
		const lists = [
			'/people?sort=created&after=',
			'/people?sort=created&before=',
			'/people?sort=name&after=',
			'/people/export?sort=created&after=',
			'/audit?after=',
			'/audit?before=',
			'/audit/export?after=',
			'/requests?after=',
			'/rooms/bulk?after=',
			'/groups?after=',
			'/rooms?after=',
			'/rooms?before=',
			'/me?after=',
			'/inspect?after='
		];
		for (const list of lists) {
			for (const value of bad) {
				const answer = await send(`${list}${value}`, { cookie: admin });
				expect(answer.status, `${list}${value}: ${answer.text.slice(0, 300)}`).toBe(200);
			}
		}
	});

	it('names a time filter PostgreSQL could not read instead of querying with it', async () => {
		for (const path of ['/audit?to=9999-12-31', '/audit/export?from=9999-12-31T23:59']) {
			const answer = await send(path, { cookie: admin });
			expect(answer.status, path).toBeLessThan(500);
			expect(answer.text, path).toContain('is not a');
		}
	});

	it('refuses a NUL in a search before the people export starts streaming', async () => {
		const answer = await send('/people/export?q=a%00b', { cookie: admin });
		expect(answer.status).toBe(400);
		expect(answer.text).toContain('NUL');
	});

	it('wrote nothing', async () => {
		expect(await rowCounts()).toEqual(before);
	});
});

describe('redirects after sign-in, a password change and sign-out', () => {
	const evil = [
		'/\t/evil.example/x',
		'//evil.example',
		'/\\evil.example',
		'https://evil.example',
		'/.//evil.example'
	];
	/** Values that are no URL at all, which Auth.js used to answer with a 500. */
	const malformed = ['rooms', 'http://[', 'a:b', '/\u0000', `/${'a'.repeat(5000)}`];

	async function person(options: { mustChangePassword?: boolean } = {}) {
		const email = `${crypto.randomUUID()}@example.com`;
		await app.db.person.create({
			data: { email, name: 'Red', passwordHash: await hashPassword('a password'), ...options }
		});
		return email;
	}

	function staysHere(location: string | null) {
		expect(location).not.toBeNull();
		expect(new URL(location!, app.url).origin).toBe(app.url);
		expect(new URL(location!, app.url).pathname.startsWith('//')).toBe(false);
	}

	it('sends a signed-in visitor of the sign-in page only to a path on this site', async () => {
		const cookie = await signIn(app.url, await person(), 'a password');
		const issue = await send('/signin?redirectTo=/%09/evil.example/x', { cookie });
		expect(issue.status).toBe(303);
		expect(issue.location).toBe('/');
		// A NUL in the address is refused before any page sees it.
		for (const target of [...evil, ...malformed].filter((target) => !target.includes('\u0000'))) {
			const answer = await send(`/signin?redirectTo=${encodeURIComponent(target)}`, { cookie });
			expect(answer.status, target).toBe(303);
			expect(answer.location, target).toBe('/');
		}
		const kept = await send(`/signin?redirectTo=${encodeURIComponent('/people?q=Zoë')}`, { cookie });
		expect(kept.location).toBe('/people?q=Zo%C3%AB');
	});

	it('signs in and lands on this site whatever redirectTo says', async () => {
		for (const target of [...evil, ...malformed]) {
			const email = await person();
			const answer = await post(
				'/signin?/credentials',
				undefined,
				new URLSearchParams({ providerId: 'credentials', email, password: 'a password', redirectTo: target })
			);
			expect(answer.status, `${target}: ${answer.text.slice(0, 200)}`).toBeLessThan(400);
			staysHere(answer.location);
			expect(new URL(answer.location!, app.url).pathname).toBe('/');
		}
		const kept = await post(
			'/signin?/credentials',
			undefined,
			new URLSearchParams({
				providerId: 'credentials',
				email: await person(),
				password: 'a password',
				redirectTo: '/people'
			})
		);
		expect(new URL(kept.location!, app.url).pathname).toBe('/people');
	});

	it('sends a changed temporary password only to a path on this site', async () => {
		for (const target of [...evil, ...malformed]) {
			const cookie = await signIn(app.url, await person({ mustChangePassword: true }), 'a password');
			const answer = await post(
				'/account/password',
				cookie,
				new URLSearchParams({
					current: 'a password',
					password: 'Tq7#mZ2!vL9@wR4$',
					confirm: 'Tq7#mZ2!vL9@wR4$',
					redirectTo: target
				})
			);
			expect(answer.status, target).toBe(303);
			expect(answer.location, target).toBe('/');
		}
	});

	it('signs out to this site whatever redirectTo says', async () => {
		for (const target of [...evil, ...malformed]) {
			const answer = await post('/signout', undefined, new URLSearchParams({ redirectTo: target }));
			expect(answer.status, target).toBeLessThan(400);
			staysHere(answer.location);
		}
	});
});
