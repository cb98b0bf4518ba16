// The ID-token endpoint reads its session from the cookie without Auth.js's handle
// (docs/decisions/021-token-endpoint-session.md): every rule Auth.js and decision 012 apply to a
// session must still hold there. Cookies are sealed with Auth.js's own encode and the app's secret.
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { encode, type JWT } from '@auth/core/jwt';
import { describe, expect, it } from 'vitest';
import { endSessions } from '$lib/server/auth/sessions';
import { hashPassword } from '$lib/server/passwords';
import { useAppUnderTest } from '../../../../scripts/testing/app-under-test';
import { signIn } from '../../../../scripts/testing/http-session';

const secret = randomBytes(32).toString('base64url');
const lifetimeSeconds = 3600;
const app = useAppUnderTest('liveblocks_auth_session', {
	AUTH_SECRET: secret,
	SESSION_LIFETIME_SECONDS: String(lifetimeSeconds)
});

const cookieName = 'authjs.session-token';
const secureCookieName = '__Secure-authjs.session-token';

async function member() {
	const email = `${crypto.randomUUID()}@example.com`;
	const password = crypto.randomUUID();
	const { id } = await app.db.person.create({
		data: { email, name: 'Mia Member', passwordHash: await hashPassword(password) },
		select: { id: true }
	});
	return { id, email, password };
}

/** A session as Auth.js seals it: by default a fresh one of `personId` on session version 0. */
function seal(
	personId: string,
	claims: JWT = {},
	{ salt = cookieName, key = secret, maxAge = 60 }: { salt?: string; key?: string; maxAge?: number } = {}
) {
	return encode({
		token: { sub: personId, sessionVersion: 0, signedInAt: Date.now(), ...claims },
		secret: key,
		salt,
		maxAge
	});
}

function requestToken(headers: Record<string, string>) {
	return fetch(`${app.url}/api/liveblocks-auth`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: app.url, ...headers },
		body: JSON.stringify({ room: 'any-room' })
	});
}

async function expectRefused(response: Response) {
	expect(response.status).toBe(401);
	expect(await response.json()).toEqual({ message: 'Sign in first.' });
	expect(response.headers.getSetCookie()).toEqual([]);
}

describe('the session of POST /api/liveblocks-auth', () => {
	it('gives a token for a signed-in cookie without sending the cookie back', async () => {
		const mia = await member();
		const cookie = await signIn(app.url, mia.email, mia.password);
		const response = await requestToken({ cookie });
		expect(response.status).toBe(200);
		expect(response.headers.getSetCookie()).toEqual([]);
		expect(response.headers.get('cache-control')).toBe('no-store');
	});

	it('gives a token for a session sealed as Auth.js seals it (the cookies below differ from it in one way)', async () => {
		const mia = await member();
		const response = await requestToken({ cookie: `${cookieName}=${await seal(mia.id)}` });
		expect(response.status).toBe(200);
	});

	it('refuses a session past SESSION_LIFETIME_SECONDS since sign-in, though its cookie has not expired', async () => {
		const mia = await member();
		const signedInAt = Date.now() - lifetimeSeconds * 1000 - 1000;
		await expectRefused(
			await requestToken({ cookie: `${cookieName}=${await seal(mia.id, { signedInAt })}` })
		);
	});

	it('refuses a session without a sign-in time or a session version (from before decision 012)', async () => {
		const mia = await member();
		const noTime = await seal(mia.id, { signedInAt: undefined });
		const noVersion = await seal(mia.id, { sessionVersion: undefined });
		await expectRefused(await requestToken({ cookie: `${cookieName}=${noTime}` }));
		await expectRefused(await requestToken({ cookie: `${cookieName}=${noVersion}` }));
	});

	it('refuses a cookie whose JWT has expired (the idle limit)', async () => {
		const mia = await member();
		// Auth.js's decode allows 15 s of clock skew.
		const expired = await seal(mia.id, {}, { maxAge: -60 });
		await expectRefused(await requestToken({ cookie: `${cookieName}=${expired}` }));
	});

	it('refuses a cookie that got a token before once its JWT has expired', async () => {
		const mia = await member();
		// Expired 13 s ago: still within Auth.js's 15 s allowance for clock skew, for 2 s more.
		const cookie = `${cookieName}=${await seal(mia.id, {}, { maxAge: -13 })}`;
		expect((await requestToken({ cookie })).status).toBe(200);
		await sleep(2_500);
		await expectRefused(await requestToken({ cookie }));
	});

	it('refuses a cookie that got a token before once its session is past its lifetime', async () => {
		const mia = await member();
		const signedInAt = Date.now() - lifetimeSeconds * 1000 + 1_500;
		const cookie = `${cookieName}=${await seal(mia.id, { signedInAt })}`;
		expect((await requestToken({ cookie })).status).toBe(200);
		await sleep(2_000);
		await expectRefused(await requestToken({ cookie }));
	});

	it('refuses a session ended elsewhere (sign-out, password change) on its next token', async () => {
		const mia = await member();
		const cookie = await signIn(app.url, mia.email, mia.password);
		expect((await requestToken({ cookie })).status).toBe(200);
		await endSessions(app.db, mia.id);
		await expectRefused(await requestToken({ cookie }));
	});

	it('refuses a tampered cookie and one sealed with another secret', async () => {
		const mia = await member();
		const parts = (await seal(mia.id)).split('.');
		const ciphertext = parts[3]!;
		const middle = ciphertext.length >> 1;
		parts[3] =
			ciphertext.slice(0, middle) + (ciphertext[middle] === 'A' ? 'B' : 'A') + ciphertext.slice(middle + 1);
		await expectRefused(await requestToken({ cookie: `${cookieName}=${parts.join('.')}` }));
		const foreign = await seal(mia.id, {}, { key: randomBytes(32).toString('base64url') });
		await expectRefused(await requestToken({ cookie: `${cookieName}=${foreign}` }));
	});

	it('reads a session Auth.js split into chunked cookies', async () => {
		const mia = await member();
		const value = await seal(mia.id);
		const half = value.length >> 1;
		const cookie = `${cookieName}.1=${value.slice(half)}; ${cookieName}.0=${value.slice(0, half)}`;
		expect((await requestToken({ cookie })).status).toBe(200);
	});

	it('reads the __Secure- cookie on https, as Auth.js does, and only there', async () => {
		const mia = await member();
		const secure = `${secureCookieName}=${await seal(mia.id, {}, { salt: secureCookieName })}`;
		expect((await requestToken({ cookie: secure, 'x-forwarded-proto': 'https' })).status).toBe(200);
		await expectRefused(await requestToken({ cookie: secure }));
		// A session sealed for one name does not open under the other.
		const renamed = `${secureCookieName}=${await seal(mia.id)}`;
		await expectRefused(await requestToken({ cookie: renamed, 'x-forwarded-proto': 'https' }));
	});

	it('takes the session from the cookie only, never from an Authorization header', async () => {
		const mia = await member();
		await expectRefused(await requestToken({ authorization: `Bearer ${await seal(mia.id)}` }));
	});
});
