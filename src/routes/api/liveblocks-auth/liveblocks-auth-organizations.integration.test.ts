import { Liveblocks } from '@liveblocks/node';
import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../../../../scripts/services/liveblocks-dev-server';
import { signedInAs, useAppUnderTest } from '../../../../scripts/testing/app-under-test';
import { startFaultProxy, type ProxiedRequest } from '../../../../scripts/testing/fault-proxy';

// The app talks to the real dev server through a proxy that records what it asks. The dev server
// leaves organizationId out of the tokens it makes (liveblocks-organizations.integration.test.ts),
// so what the endpoint sends is read from its identify-user request.
const proxy = await startFaultProxy(inject('liveblocksBaseUrl'));
const app = useAppUnderTest('liveblocks_auth_organizations', () => ({ LIVEBLOCKS_BASE_URL: proxy.url }));
const liveblocks = new Liveblocks({
	secret: LIVEBLOCKS_DEV_SECRET_KEY,
	baseUrl: inject('liveblocksBaseUrl')
});

afterEach(() => proxy.reset());
afterAll(() => proxy.close());

const unique = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;

const isIdentify = (request: ProxiedRequest) =>
	request.method === 'POST' && request.path === '/v2/identify-user';
const isRead = (roomId: string) => (request: ProxiedRequest) =>
	request.method === 'GET' && request.path === `/v2/rooms/${encodeURIComponent(roomId)}`;

function requestToken(cookie: string, body: string | undefined) {
	return fetch(`${app.url}/api/liveblocks-auth`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: app.url, cookie },
		body
	});
}

/** What the endpoint asked Liveblocks for in its one identify-user call. */
function identifyBody(): Record<string, unknown> {
	const calls = proxy.forwarded.filter(isIdentify);
	expect(calls).toHaveLength(1);
	return JSON.parse(calls[0]!.body);
}

/** A room in the index only, as a sync of `organizationId` would leave it. */
async function indexedRoom(organizationId: string) {
	const id = unique('indexed');
	await app.db.room.create({
		data: { id, organizationId, createdAt: new Date(), defaultAccesses: ['room:write'] }
	});
	return id;
}

/** The dev server's ID tokens are unsigned JWTs: their payload as JSON. */
function payloadOf(token: string) {
	return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

describe('the organizationId the ID-token endpoint sends', () => {
	it("sends an indexed room's organization, from the index alone", async () => {
		const cookie = await signedInAs(app, 'member');
		const roomId = await indexedRoom('org-indexed');
		const response = await requestToken(cookie, JSON.stringify({ room: roomId }));
		expect(response.status).toBe(200);
		expect(identifyBody()).toMatchObject({ organizationId: 'org-indexed' });
		expect(proxy.forwarded.filter(isRead(roomId))).toEqual([]);
		// The token itself: the dev server's payload, which has no organization claim.
		const payload = payloadOf((await response.json()).token);
		expect(Object.keys(payload).sort()).toEqual(['exp', 'gids', 'iat', 'jti', 'k', 'pid', 'ui', 'uid']);
		expect(payload).toMatchObject({ k: 'id', pid: 'localdev' });
	});

	it('sends none for a room of the default organization, however the index names it', async () => {
		const cookie = await signedInAs(app, 'member');
		for (const organizationId of ['default', '']) {
			const roomId = await indexedRoom(organizationId);
			expect((await requestToken(cookie, JSON.stringify({ room: roomId }))).status).toBe(200);
			expect(identifyBody(), organizationId).not.toHaveProperty('organizationId');
			expect(proxy.forwarded.filter(isRead(roomId))).toEqual([]);
			proxy.reset();
		}
	});

	it('asks Liveblocks for a room the index does not know yet, and sends its organization', async () => {
		const cookie = await signedInAs(app, 'member');
		const inOrg = unique('unsynced');
		await liveblocks.createRoom(inOrg, { defaultAccesses: ['room:write'], organizationId: 'org-unsynced' });
		expect((await requestToken(cookie, JSON.stringify({ room: inOrg }))).status).toBe(200);
		expect(proxy.forwarded.filter(isRead(inOrg))).toHaveLength(1);
		expect(identifyBody()).toMatchObject({ organizationId: 'org-unsynced' });
		// The endpoint only reads: the index learns of rooms from a sync or a write.
		expect(await app.db.room.findUnique({ where: { id: inOrg } })).toBeNull();

		proxy.reset();
		const inDefault = unique('unsynced-default');
		await liveblocks.createRoom(inDefault, { defaultAccesses: ['room:write'] });
		expect((await requestToken(cookie, JSON.stringify({ room: inDefault }))).status).toBe(200);
		expect(identifyBody()).not.toHaveProperty('organizationId');
	});

	it('sends none for a room nobody has, or when the request names no room', async () => {
		const cookie = await signedInAs(app, 'member');
		const nowhere = unique('nowhere');
		const bodies = [JSON.stringify({ room: nowhere }), JSON.stringify({}), 'not json', undefined];
		for (const body of bodies) {
			const response = await requestToken(cookie, body);
			expect(response.status, String(body)).toBe(200);
			expect(await response.json(), String(body)).toHaveProperty('token');
			expect(identifyBody(), String(body)).not.toHaveProperty('organizationId');
			proxy.reset();
		}
	});

	it('answers 503 and issues no token when the index misses and Liveblocks cannot say', async () => {
		const cookie = await signedInAs(app, 'member');
		const roomId = unique('unreadable');
		proxy.inject({ matches: isRead(roomId), status: 500, times: Infinity });
		const response = await requestToken(cookie, JSON.stringify({ room: roomId }));
		expect(response.status).toBe(503);
		expect(response.headers.get('retry-after')).toBe('5');
		expect(await response.json()).toEqual({
			error: 'LIVEBLOCKS_UNAVAILABLE',
			message: 'Liveblocks answered 500: Injected 500; try again in a moment.'
		});
		expect(proxy.forwarded.filter(isIdentify)).toEqual([]);
	});

	it('refuses a room that cannot be a room id with 400, before counting or asking anyone', async () => {
		const cookie = await signedInAs(app, 'member');
		const counted = await app.db.tokenRateLimit.count();
		const answers = [
			[42, 'The room must be a room id, as text.'],
			[{ id: 'x' }, 'The room must be a room id, as text.'],
			['', 'A room id has 1 to 128 characters and no NUL character.'],
			['x'.repeat(129), 'A room id has 1 to 128 characters and no NUL character.'],
			['a\u0000b', 'A room id has 1 to 128 characters and no NUL character.']
		] as const;
		for (const [room, message] of answers) {
			const response = await requestToken(cookie, JSON.stringify({ room }));
			expect(response.status, JSON.stringify(room)).toBe(400);
			expect(await response.json()).toEqual({ error: 'INVALID_ROOM', message });
		}
		expect(proxy.forwarded).toEqual([]);
		expect(await app.db.tokenRateLimit.count()).toBe(counted);
	});
});
