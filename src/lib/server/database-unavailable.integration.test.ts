import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from './passwords';
import { useAppUnderTest, signedInAs } from '../../../scripts/testing/app-under-test';
import { postFormAction } from '../../../scripts/testing/form-action';
import {
	startPostgresFaultProxy,
	type PostgresFaultProxy
} from '../../../scripts/testing/postgres-fault-proxy';

// The built app reaches its database through a TCP proxy that can stop, hang or slow it; the
// bounds are short so that the tests are too. The defaults are longer (decision 015).
const connectMs = 1_500;
const statementMs = 1_500;
/** The longest a request may wait: a statement's bound, the client's margin for no answer, slack. */
const boundMs = statementMs + 2_000 + 2_500;

let proxy: PostgresFaultProxy | undefined;
const app = useAppUnderTest(
	'database_faults',
	{
		DATABASE_CONNECT_TIMEOUT_MS: String(connectMs),
		DATABASE_STATEMENT_TIMEOUT_MS: String(statementMs)
	},
	{
		reachDatabase: async (directUrl) => {
			proxy = await startPostgresFaultProxy(directUrl);
			return proxy.url;
		}
	}
);
afterAll(() => proxy?.close());

const databaseUnavailable = 'The database is unavailable; try again in a minute.';

let admin = '';
let member = '';
beforeAll(async () => {
	admin = await signedInAs(app, 'admin');
	member = await signedInAs(app, 'member');
});
afterEach(async () => {
	await proxy!.set('forward');
	proxy!.slowDown(0);
});

async function timed(request: Promise<Response>) {
	const started = Date.now();
	const response = await request;
	const body = await response.text();
	return { response, body, ms: Date.now() - started };
}

const page = (path: string, cookie: string) =>
	timed(fetch(`${app.url}${path}`, { headers: { cookie }, redirect: 'manual' }));

const requestToken = (cookie: string) =>
	timed(
		fetch(`${app.url}/api/liveblocks-auth`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: app.url, cookie },
			body: JSON.stringify({ room: 'any-room' })
		})
	);

/** The 503 a person sees: the message, a way to try again, and nothing about the inside. */
function expectClearUnavailablePage({ response, body }: { response: Response; body: string }) {
	expect(response.status).toBe(503);
	expect(response.headers.get('retry-after')).toBe('60');
	expect(body).toContain(databaseUnavailable);
	expect(body).toContain('Error 503');
	expect(body).toContain('Try again');
	expectNothingInternal(body);
}

/** No address of the database (its proxy's or the server's), no driver's words, no stack frame. */
function expectNothingInternal(body: string) {
	const database = new URL(proxy!.url);
	const server = new URL(app.databaseUrl);
	expect(body).not.toContain(`${database.hostname}:${database.port}`);
	expect(body).not.toContain(`${server.hostname}:${server.port || 5432}`);
	expect(body).not.toMatch(/prisma|postgres|ECONN|Connection terminated|timeout exceeded|\bat \S+:\d+:\d+/i);
}

describe('the app with its database unavailable', () => {
	it('answers pages 503 with a clear page when the database is stopped', async () => {
		await proxy!.set('stopped');
		for (const path of ['/people', '/rooms', '/audit']) {
			const answer = await page(path, admin);
			expectClearUnavailablePage(answer);
			expect(answer.ms).toBeLessThan(boundMs);
		}
	});

	it('answers a download 503 with the plain error page when the database is stopped', async () => {
		await proxy!.set('stopped');
		const answer = await timed(
			fetch(`${app.url}/people/export`, { headers: { cookie: admin, accept: 'text/html' } })
		);
		expect(answer.response.status).toBe(503);
		expect(answer.response.headers.get('retry-after')).toBe('60');
		expect(answer.response.headers.get('content-type')).toContain('text/html');
		expect(answer.body).toContain(databaseUnavailable);
		expectNothingInternal(answer.body);
	});

	it('answers 503 within its bounds when the database accepts connections but never answers', async () => {
		// A warm pool first: its idle connections hang too, and the read timeout ends them.
		expect((await page('/people', admin)).response.status).toBe(200);
		await proxy!.set('hung');
		for (const path of ['/people', '/groups']) {
			const answer = await page(path, admin);
			expectClearUnavailablePage(answer);
			expect(answer.ms).toBeLessThan(boundMs);
		}
	});

	it('answers 503 when a statement waits beyond its bound on a lock held elsewhere', async () => {
		const other = new pg.Client({ connectionString: app.databaseUrl });
		await other.connect();
		try {
			await other.query('BEGIN');
			await other.query('LOCK TABLE "Person" IN ACCESS EXCLUSIVE MODE');
			const answer = await page('/people', admin);
			expectClearUnavailablePage(answer);
			expect(answer.ms).toBeGreaterThanOrEqual(statementMs);
			expect(answer.ms).toBeLessThan(boundMs);
		} finally {
			await other.query('ROLLBACK');
			await other.end();
		}
	});

	it('serves again, without a restart, as soon as the database is back', async () => {
		await proxy!.set('stopped');
		expect((await page('/people', admin)).response.status).toBe(503);
		await proxy!.set('forward');
		const back = await page('/people', admin);
		expect(back.response.status).toBe(200);
		expect(back.body).not.toContain(databaseUnavailable);

		await proxy!.set('hung');
		expect((await page('/people', admin)).response.status).toBe(503);
		await proxy!.set('forward');
		expect((await page('/people', admin)).response.status).toBe(200);
	});

	it('keeps answering, only later, when the database is slow but within its bounds', async () => {
		proxy!.slowDown(100);
		const answer = await page('/people', admin);
		expect(answer.response.status).toBe(200);
		expect(answer.ms).toBeGreaterThanOrEqual(200);
	});

	it('answers the ID-token endpoint 503 with a JSON message, in bounded time', async () => {
		for (const state of ['stopped', 'hung'] as const) {
			await proxy!.set(state);
			const answer = await requestToken(member);
			expect(answer.response.status).toBe(503);
			expect(answer.response.headers.get('retry-after')).toBe('60');
			expect(answer.response.headers.get('content-type')).toContain('application/json');
			expect(JSON.parse(answer.body)).toMatchObject({ message: databaseUnavailable });
			expect(answer.ms).toBeLessThan(boundMs);
		}
		await proxy!.set('forward');
		expect((await requestToken(member)).response.status).toBe(200);
	});

	describe('sign-in', () => {
		const email = `signin-${randomUUID()}@example.com`;
		beforeAll(async () => {
			await app.db.person.create({
				data: { email, name: 'Sam', role: 'member', passwordHash: await hashPassword('pw') }
			});
		});
		const fields = { providerId: 'credentials', redirectTo: '/', email, password: 'pw' };

		it('says the database is unavailable on the sign-in page, without JavaScript', async () => {
			await proxy!.set('stopped');
			const answer = await timed(
				fetch(`${app.url}/signin?/credentials`, {
					method: 'POST',
					headers: {
						origin: app.url,
						accept: 'text/html',
						'content-type': 'application/x-www-form-urlencoded'
					},
					body: new URLSearchParams(fields),
					redirect: 'manual'
				})
			);
			expect(answer.response.status).toBe(503);
			expect(answer.response.headers.get('retry-after')).toBe('60');
			expect(answer.body).toMatch(/data-testid="signin-error"[^>]*>\s*The database is unavailable/);
			expect(answer.body).not.toContain('Configuration');
			expectNothingInternal(answer.body);
		});

		it('says so to the enhanced form too, and signs in once the database is back', async () => {
			await proxy!.set('hung');
			const down = await postFormAction(app.url, '', '/signin?/credentials', fields);
			expect(down).toMatchObject({ type: 'failure', status: 503 });
			expect(JSON.stringify(down.data)).toContain(databaseUnavailable);

			await proxy!.set('forward');
			const up = await postFormAction(app.url, '', '/signin?/credentials', fields);
			expect(up).toMatchObject({ type: 'redirect', location: `${app.url}/` });
		});

		it("sends Auth.js's own sign-in endpoint to the message, not to error=Configuration", async () => {
			// Auth.js leaves CSRF to SvelteKit's Origin check here, so no token is needed.
			await proxy!.set('stopped');
			const response = await fetch(`${app.url}/auth/callback/credentials`, {
				method: 'POST',
				headers: { origin: app.url, 'content-type': 'application/x-www-form-urlencoded' },
				body: new URLSearchParams(fields),
				redirect: 'manual'
			});
			expect(response.status).toBeGreaterThanOrEqual(300);
			expect(response.status).toBeLessThan(400);
			const location = new URL(response.headers.get('location')!, app.url);
			expect(location.pathname + location.search).toBe('/signin?error=DatabaseUnavailable');

			const signInPage = await page(location.pathname + location.search, '');
			expect(signInPage.response.status).toBe(200);
			expect(signInPage.body).toContain(databaseUnavailable);
		});
	});
});
