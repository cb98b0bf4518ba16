import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { useAppUnderTest, signedInAs } from '../../../../scripts/testing/app-under-test';
import { startFaultProxy } from '../../../../scripts/testing/fault-proxy';

// The built app talks to Liveblocks through a proxy that can stop, hang, slow down or fail it.
const proxy = await startFaultProxy(inject('liveblocksBaseUrl'));
const app = useAppUnderTest('liveblocks_auth_faults', { LIVEBLOCKS_BASE_URL: proxy.url });

afterEach(() => proxy.reset());
afterAll(() => proxy.close());

/** A room the index knows, so the endpoint asks Liveblocks only for the token. */
const indexedRoom = 'indexed-room';
beforeAll(async () => {
	await app.db.room.create({ data: { id: indexedRoom, organizationId: 'default', createdAt: new Date() } });
});

const isIdentify = (request: { method: string; path: string }) =>
	request.method === 'POST' && request.path === '/v2/identify-user';

/** Asks for a token for `room` as `cookie`: the answer, its body and how long it took. */
async function requestToken(cookie: string, room = indexedRoom) {
	const started = Date.now();
	const response = await fetch(`${app.url}/api/liveblocks-auth`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: app.url, cookie },
		body: JSON.stringify({ room })
	});
	return { response, text: await response.text(), ms: Date.now() - started };
}

/** A 503 that says what happened and when to try again, without naming where Liveblocks is. */
function expectUnavailable(answer: Awaited<ReturnType<typeof requestToken>>, message: string) {
	expect(answer.response.status).toBe(503);
	expect(answer.response.headers.get('retry-after')).toBe('5');
	expect(JSON.parse(answer.text)).toEqual({ error: 'LIVEBLOCKS_UNAVAILABLE', message });
	expect(answer.text).not.toMatch(/127\.0\.0\.1|localhost|http:|ECONN/);
}

describe('the ID-token endpoint when Liveblocks fails', () => {
	it('answers 503 within its 10 s bound when Liveblocks hangs', async () => {
		const cookie = await signedInAs(app, 'member');
		proxy.slowDown(60_000);
		const answer = await requestToken(cookie);
		expectUnavailable(answer, 'Liveblocks did not answer in time; try again in a moment.');
		expect(answer.ms).toBeGreaterThanOrEqual(9_500);
		expect(answer.ms).toBeLessThan(12_000);
	});

	it('answers 503 within 3 s when Liveblocks hangs and the index does not know the room', async () => {
		const cookie = await signedInAs(app, 'member');
		proxy.slowDown(60_000);
		const answer = await requestToken(cookie, 'a-room-the-index-lacks');
		expectUnavailable(answer, 'Liveblocks did not answer in time; try again in a moment.');
		expect(answer.ms).toBeGreaterThanOrEqual(2_500);
		expect(answer.ms).toBeLessThan(5_000);
	});

	it('answers 503 at once when Liveblocks is stopped, and tokens again once it is back', async () => {
		const cookie = await signedInAs(app, 'member');
		await proxy.stop();
		try {
			const answer = await requestToken(cookie);
			expectUnavailable(answer, 'Liveblocks could not be reached; try again in a moment.');
			expect(answer.ms).toBeLessThan(3_000);
		} finally {
			await proxy.restart();
		}
		const again = await requestToken(cookie);
		expect(again.response.status).toBe(200);
		expect(JSON.parse(again.text)).toHaveProperty('token');
	});

	it('tries again after a 429 or a 500, so a passing fault costs the member nothing', async () => {
		const cookie = await signedInAs(app, 'member');
		proxy.inject({ matches: isIdentify, status: 429, times: 1 });
		proxy.inject({ matches: isIdentify, status: 500, times: 1 });
		const answer = await requestToken(cookie);
		expect(answer.response.status).toBe(200);
		expect(JSON.parse(answer.text)).toHaveProperty('token');
		expect(proxy.failed.map((request) => request.status)).toEqual([429, 500]);
	});

	it('answers 503 with what Liveblocks said when it keeps failing', async () => {
		const cookie = await signedInAs(app, 'member');
		proxy.inject({ matches: isIdentify, status: 500, times: Infinity });
		const answer = await requestToken(cookie);
		// @liveblocks/node reports every 5xx of identify-user as 503.
		expectUnavailable(answer, 'Liveblocks answered 503: Injected 500; try again in a moment.');
		expect(proxy.failed).toHaveLength(3);
	});

	it('still tokens when Liveblocks is slow but inside the bound', async () => {
		const cookie = await signedInAs(app, 'member');
		proxy.slowDown(1_500);
		const answer = await requestToken(cookie);
		expect(answer.response.status).toBe(200);
	});
});

describe('the live room when Liveblocks hangs', () => {
	it('opens within a few seconds: refreshing the room index is given 3 s', async () => {
		const cookie = await signedInAs(app, 'member');
		proxy.slowDown(60_000);
		const started = Date.now();
		const response = await fetch(`${app.url}/rooms/some-room/live`, { headers: { cookie } });
		expect(response.status).toBe(200);
		expect(Date.now() - started).toBeLessThan(5_000);
	});
});
