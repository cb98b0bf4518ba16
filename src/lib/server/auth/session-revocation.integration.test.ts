import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import type { Role } from '$lib/roles';
import { hashPassword } from '$lib/server/passwords';
import { useAppUnderTest, type AppUnderTest } from '../../../../scripts/testing/app-under-test';
import { postFormAction, postPlainForm } from '../../../../scripts/testing/form-action';
import { sessionCookieOf, signIn } from '../../../../scripts/testing/http-session';

const app = useAppUnderTest('session_revocation');
const lifetimeSeconds = 4;
const shortLived = useAppUnderTest('session_lifetime', { SESSION_LIFETIME_SECONDS: String(lifetimeSeconds) });

const password = 'the password of this person';

async function person(on: AppUnderTest, role: Role = 'member') {
	const email = `${role}-${randomUUID()}@example.com`;
	const { id } = await on.db.person.create({
		data: { email, name: role, role, passwordHash: await hashPassword(password) },
		select: { id: true }
	});
	return { id, email };
}

const home = (on: AppUnderTest, cookie: string) =>
	fetch(`${on.url}/me`, { headers: { cookie }, redirect: 'manual' });

const requestToken = (cookie: string) =>
	fetch(`${app.url}/api/liveblocks-auth`, {
		method: 'POST',
		headers: { cookie, origin: app.url, 'content-type': 'application/json' },
		body: JSON.stringify({ room: 'any-room' })
	});

/** A form post as a browser without JavaScript makes it. */
const post = (path: string, cookie: string, fields: Record<string, string> = {}) =>
	postPlainForm(app.url, cookie, path, fields);

async function expectSignedOut(on: AppUnderTest, cookie: string) {
	const page = await home(on, cookie);
	expect(page.status).toBe(303);
	expect(page.headers.get('location')).toBe('/signin?redirectTo=%2Fme');
}

describe('signing out', () => {
	it('ends the session for every copy of its cookie and every other device, until the next sign-in', async () => {
		const mia = await person(app);
		const cookie = await signIn(app.url, mia.email, password);
		const copied = cookie;
		const otherDevice = await signIn(app.url, mia.email, password);
		expect((await home(app, copied)).status).toBe(200);

		const signedOut = await post('/signout', cookie);
		expect(signedOut.status).toBe(302);

		await expectSignedOut(app, copied);
		await expectSignedOut(app, otherDevice);
		expect((await requestToken(copied)).status).toBe(401);
		const again = await signIn(app.url, mia.email, password);
		expect((await home(app, again)).status).toBe(200);
	});
});

describe('changing a password', () => {
	it('ends every other session of the person; the browser that changed it carries on', async () => {
		const mia = await person(app);
		const cookie = await signIn(app.url, mia.email, password);
		const stolen = await signIn(app.url, mia.email, password);

		const changed = await post('/account/password', cookie, {
			current: password,
			password: 'a new password of mine',
			confirm: 'a new password of mine'
		});
		expect(changed.status).toBe(200);
		expect(await changed.text()).toContain('Your password is changed.');

		await expectSignedOut(app, stolen);
		await expectSignedOut(app, cookie);
		expect((await requestToken(stolen)).status).toBe(401);
		const renewed = sessionCookieOf(changed)!;
		expect((await home(app, renewed)).status).toBe(200);
		expect((await requestToken(renewed)).status).toBe(200);
	});

	it('ends every session of a person an admin gives a temporary password', async () => {
		const admin = await signIn(app.url, (await person(app, 'admin')).email, password);
		const mia = await person(app);
		const cookie = await signIn(app.url, mia.email, password);

		const result = await postFormAction(app.url, admin, `/people/${mia.id}?/setPassword`, {
			password: 'a temporary password'
		});
		expect(result.type).toBe('success');

		await expectSignedOut(app, cookie);
		expect((await requestToken(cookie)).status).toBe(401);
		expect((await home(app, admin)).status).toBe(200);
	});
});

describe('the absolute session lifetime', () => {
	it('ends a session SESSION_LIFETIME_SECONDS after sign-in however often it is used, and clears its cookie', async () => {
		const mia = await person(shortLived);
		let cookie = await signIn(shortLived.url, mia.email, password);
		const signedInAt = Date.now(); // no earlier than the session's own sign-in time
		// Used every half second, as a busy browser would, taking each re-sealed cookie it is given.
		while (Date.now() - signedInAt < (lifetimeSeconds - 1) * 1000) {
			const page = await home(shortLived, cookie);
			expect(page.status).toBe(200);
			cookie = sessionCookieOf(page) ?? cookie;
			await sleep(500);
		}
		await sleep(Math.max(0, signedInAt + lifetimeSeconds * 1000 - Date.now()) + 200);

		const page = await home(shortLived, cookie);
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe('/signin?redirectTo=%2Fme');
		expect(page.headers.getSetCookie().some((header) => /^authjs\.session-token=;/.test(header))).toBe(true);
	});
});
