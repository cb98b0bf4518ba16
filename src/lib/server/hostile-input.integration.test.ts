import { beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '$lib/server/passwords';
import { nulMessage } from '$lib/schemas/text';
import { signedInAs, useAppUnderTest } from '../../../scripts/testing/app-under-test';
import { databaseFingerprint } from '../../../scripts/testing/database-fingerprint';
import { formFieldNames } from '../../../scripts/testing/hostile-input';
import { signIn } from '../../../scripts/testing/http-session';
import { routeTree, type RouteHandler } from '../../../scripts/testing/route-tree';

/**
 * Hostile input thrown at every form action, endpoint and page of the route tree, as the built
 * app serves them: a NUL in the address or in the fields, a forged or unreadable form body, ids of
 * 128, 129 and 500 characters, cursors Date.parse accepts and PostgreSQL does not. Each answer is
 * a 4xx with a message (or the first page, for a stale cursor), never a 500, and nothing is written.
 */

const app = useAppUnderTest('hostile_input');

/** Loads are fetched as their pages (rendering included); actions and endpoints directly. */
const handlers = routeTree().filter((handler) => handler.kind !== 'layout load');
const actions = handlers.filter((handler) => handler.kind === 'action');
const withIds = handlers.filter((handler) => handler.path.includes('['));

const methodOf = (handler: RouteHandler) =>
	handler.kind === 'action' ? 'POST' : handler.kind === 'endpoint' ? handler.method : 'GET';

const hostileIds = { 128: 'x'.repeat(128), 129: 'x'.repeat(129), 500: 'x'.repeat(500) };

function urlOf(handler: RouteHandler, id = 'x'.repeat(128)): string {
	const path = handler.path.replace(/\[[^\]]+\]/g, id);
	if (handler.kind !== 'action') return path;
	return handler.action === 'default' ? path : `${path}?/${handler.action}`;
}

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
	for (const name of formFieldNames) {
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
	'action /rooms ?/sync': 'syncs the index from Liveblocks',
	'action /signin ?/provider': 'hands over to an identity provider',
	'action /signout': 'ends the session (probed signed out)'
};

function expectRefused(answer: { status: number; text: string }, what: string) {
	expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBeGreaterThanOrEqual(400);
	expect(answer.status, `${what}: ${answer.text.slice(0, 300)}`).toBeLessThan(500);
	expect(answer.text.trim().length, `${what} says why`).toBeGreaterThan(0);
}

describe('hostile input', () => {
	let admin: string;
	let before: Awaited<ReturnType<typeof databaseFingerprint>>;

	beforeAll(async () => {
		admin = await signedInAs(app, 'admin');
		before = await databaseFingerprint(app.db);
	});

	it('finds the route tree', () => {
		const keys = handlers.map((handler) => handler.key);
		expect(keys).toEqual(
			expect.arrayContaining([
				'action /people ?/bulk',
				'action /signin ?/credentials',
				'action /rooms/[id]/access ?/save',
				'GET /people/export',
				'POST /api/liveblocks-auth'
			])
		);
		for (const key of Object.keys(takesNoFields)) expect(keys).toContain(key);
	});

	it('refuses a NUL in the address of every page, action and endpoint, signed in or not', async () => {
		for (const handler of handlers) {
			for (const cookie of [admin, undefined]) {
				const answer =
					methodOf(handler) === 'GET'
						? await send(withNulQuery(urlOf(handler)), { cookie })
						: await post(withNulQuery(urlOf(handler)), cookie, new URLSearchParams({ a: 'b' }));
				expect(answer.status, handler.key).toBe(400);
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
					expect(answer.status, `${handler.key} with ${payload}`).toBe(400);
					expect(answer.text).toContain('__superform_json');
				}
			}
		}
	});

	it('refuses a form body that does not parse as what it claims to be', async () => {
		// SvelteKit runs actions for text/plain (a browser form can send it); formData() cannot read it.
		const unreadable = [
			{ body: '--nothing like the boundary\r\n', contentType: 'multipart/form-data; boundary=gatehouse' },
			{ body: 'name=x\nconfirm=y', contentType: 'text/plain' }
		];
		for (const handler of actions) {
			for (const { body, contentType } of unreadable) {
				const answer = await send(urlOf(handler), { method: 'POST', cookie: admin, body, contentType });
				expect(answer.status, `${handler.key} with ${contentType}`).toBe(400);
				expect(answer.text).toContain('The form data could not be read');
			}
		}
	});

	it('refuses a file where a field takes text', async () => {
		for (const handler of actions) {
			const form = new FormData();
			form.append('personIds', new Blob(['x']), 'x.csv');
			const answer = await send(urlOf(handler), { method: 'POST', cookie: admin, body: form });
			expect(answer.status, handler.key).toBe(400);
			expect(answer.text).toContain('A field that takes text was sent a file');
		}
	});

	it('answers a NUL in any field of any action with a 4xx and a message', async () => {
		for (const handler of actions) {
			if (handler.key in takesNoFields && !handler.path.includes('[')) continue;
			// The sign-in page sends a signed-in visitor on, so its form is for the signed out.
			const cookie = handler.path === '/signin' ? undefined : admin;
			const answer = await post(urlOf(handler), cookie, fieldsWithNul());
			if (handler.key === 'action /people/import ?/preview') {
				// The dry run shows the row's error: that is its answer to a bad file.
				expect(answer.status).toBe(200);
				expect(answer.text).toContain(nulMessage);
				continue;
			}
			expectRefused(answer, handler.key);
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
					methodOf(handler) === 'GET'
						? await send(url, { cookie: admin })
						: await post(url, admin, fieldsWithNul());
				const what = `${handler.key} with an id of ${length}`;
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
		expect(await databaseFingerprint(app.db)).toEqual(before);
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

	it('links on from a changed temporary password only to a path on this site', async () => {
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
			expect(answer.status, target).toBe(200);
			expect(answer.text, target).toContain('Your password is changed.');
			expect(answer.text.match(/<a [^>]*href="([^"]*)"[^>]*>Continue<\/a>/)?.[1], target).toBe('/');
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
