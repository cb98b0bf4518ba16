import { afterAll, afterEach, describe, expect, inject, it } from 'vitest';
import { hashPassword } from '$lib/server/passwords';
import { useAppUnderTest } from '../../../../scripts/testing/app-under-test';
import { signIn } from '../../../../scripts/testing/http-session';
import { startFaultProxy } from '../../../../scripts/testing/fault-proxy';

// Two app processes on one database, talking to Liveblocks through a proxy that can stop it.
const proxy = await startFaultProxy(inject('liveblocksBaseUrl'));
const perMinute = 5;
const app = useAppUnderTest(
	'liveblocks_auth_rate_limit',
	() => ({ LIVEBLOCKS_BASE_URL: proxy.url, LIVEBLOCKS_TOKENS_PER_MINUTE: String(perMinute) }),
	{ instances: 2 }
);

afterEach(() => proxy.reset());
afterAll(() => proxy.close());

/** A new member, signed in on the first instance (the session works on both): their id and cookie. */
async function member() {
	const email = `${crypto.randomUUID()}@example.com`;
	const person = await app.db.person.create({
		data: { email, name: 'Mia Member', passwordHash: await hashPassword('pw') }
	});
	return { id: person.id, cookie: await signIn(app.url, email, 'pw') };
}

/** Asks instance `instance` for a token as `cookie`. */
async function requestToken(cookie: string, instance: number) {
	const url = app.instances[instance]!.url;
	const response = await fetch(`${url}/api/liveblocks-auth`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: url, cookie },
		body: JSON.stringify({ room: 'any-room' })
	});
	return {
		status: response.status,
		retryAfter: response.headers.get('retry-after'),
		body: await response.json()
	};
}

type Answer = Awaited<ReturnType<typeof requestToken>>;

/** A 429 that says, in its header and its message alike, how long to wait: at most the minute. */
function expectRateLimited(answer: Answer) {
	expect(answer.status).toBe(429);
	const seconds = Number(answer.retryAfter);
	expect(Number.isInteger(seconds)).toBe(true);
	expect(seconds).toBeGreaterThanOrEqual(1);
	expect(seconds).toBeLessThanOrEqual(60);
	expect(answer.body).toEqual({
		error: 'RATE_LIMITED',
		message: `Too many room joins; try again in ${seconds} second${seconds === 1 ? '' : 's'}.`
	});
}

describe('the per-person token limit on two instances of one database', () => {
	it('gives exactly the limit in tokens over both instances, then 429 with Retry-After on both', async () => {
		const { cookie } = await member();
		const answers: Answer[] = [];
		for (let i = 0; i < perMinute + 3; i++) answers.push(await requestToken(cookie, i % 2));

		const granted = answers.slice(0, perMinute);
		expect(granted.map((answer) => answer.status)).toEqual(Array(perMinute).fill(200));
		// Five different tokens: the limit never hands out a token twice.
		expect(new Set(granted.map((answer) => answer.body.token)).size).toBe(perMinute);
		const refused = answers.slice(perMinute);
		refused.forEach(expectRateLimited);
		// Both instances refuse: the count is the database's, not either process's.
		expect(new Set(refused.map((_, i) => (perMinute + i) % 2))).toEqual(new Set([0, 1]));
		// Refusals do not extend the window: the wait only shrinks.
		const waits = refused.map((answer) => Number(answer.retryAfter));
		expect(waits).toEqual([...waits].sort((a, b) => b - a));
	});

	it('lets exactly the limit through when many requests race on both instances', async () => {
		const { cookie } = await member();
		const answers = await Promise.all(
			Array.from({ length: 4 * perMinute }, (_, i) => requestToken(cookie, i % 2))
		);
		expect(answers.filter((answer) => answer.status === 200)).toHaveLength(perMinute);
		answers.filter((answer) => answer.status !== 200).forEach(expectRateLimited);
	});

	it('leaves another person unaffected', async () => {
		const busy = (await member()).cookie;
		const other = (await member()).cookie;
		for (let i = 0; i <= perMinute; i++) await requestToken(busy, i % 2);
		expectRateLimited(await requestToken(busy, 0));

		for (const instance of [0, 1]) {
			const answer = await requestToken(other, instance);
			expect(answer.status).toBe(200);
			expect(answer.body).toHaveProperty('token');
		}
	});

	it('counts in an unlogged table, so a token request waits for no WAL flush', async () => {
		const tables = await app.db.$queryRaw<{ relpersistence: string }[]>`
			SELECT relpersistence::text AS relpersistence FROM pg_class WHERE relname = 'TokenRateLimit' AND relkind = 'r'`;
		expect(tables).toEqual([{ relpersistence: 'u' }]);
	});

	it('does not count requests Liveblocks issued no token for', async () => {
		const { cookie } = await member();
		await proxy.stop();
		try {
			for (let i = 0; i < perMinute + 2; i++) expect((await requestToken(cookie, i % 2)).status).toBe(503);
		} finally {
			await proxy.restart();
		}
		for (let i = 0; i < perMinute; i++) expect((await requestToken(cookie, i % 2)).status).toBe(200);
		expectRateLimited(await requestToken(cookie, 0));
	});

	it('does not count refusals at the door: a person refused while deactivated keeps the whole allowance', async () => {
		const { id, cookie } = await member();
		await app.db.person.update({ where: { id }, data: { status: 'deactivated' } });
		for (let i = 0; i < perMinute + 2; i++) expect((await requestToken(cookie, i % 2)).status).toBe(403);

		await app.db.person.update({ where: { id }, data: { status: 'active' } });
		for (let i = 0; i < perMinute; i++) expect((await requestToken(cookie, i % 2)).status).toBe(200);
		expectRateLimited(await requestToken(cookie, 1));
	});

	it('gives back nothing for a refusal it did not count: tokens taken before a deactivation still count', async () => {
		const { id, cookie } = await member();
		for (let i = 0; i < 2; i++) expect((await requestToken(cookie, i % 2)).status).toBe(200);
		await app.db.person.update({ where: { id }, data: { status: 'deactivated' } });
		for (let i = 0; i < 3; i++) expect((await requestToken(cookie, i % 2)).status).toBe(403);

		await app.db.person.update({ where: { id }, data: { status: 'active' } });
		for (let i = 2; i < perMinute; i++) expect((await requestToken(cookie, i % 2)).status).toBe(200);
		expectRateLimited(await requestToken(cookie, 0));
	});
});
