import { describe, expect, it } from 'vitest';
import { hashPassword } from '$lib/server/passwords';
import { useAppUnderTest } from '../../../../../scripts/testing/app-under-test';
import { sessionCookieOf, signIn } from '../../../../../scripts/testing/http-session';

const app = useAppUnderTest('must_change_password');

async function personWithTemporaryPassword(temporary: string) {
	const email = `${crypto.randomUUID()}@example.com`;
	await app.db.person.create({
		data: { email, name: 'Tess', passwordHash: await hashPassword(temporary), mustChangePassword: true }
	});
	return { email, cookie: await signIn(app.url, email, temporary) };
}

const get = (path: string, cookie: string) =>
	fetch(`${app.url}${path}`, { headers: { cookie }, redirect: 'manual' });

const requestToken = (cookie: string) =>
	fetch(`${app.url}/api/liveblocks-auth`, {
		method: 'POST',
		headers: { cookie, origin: app.url, 'content-type': 'application/json' },
		body: JSON.stringify({ room: 'any' })
	});

/** Posted to the page's own address, query included, as a browser posts a form without an action. */
function changePassword(cookie: string, fields: Record<string, string>, query = '') {
	return fetch(`${app.url}/account/password${query}`, {
		method: 'POST',
		headers: {
			cookie,
			origin: app.url,
			accept: 'text/html', // as a browser without JavaScript posts it
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields),
		redirect: 'manual'
	});
}

describe('a temporary password', () => {
	it('allows nothing but changing it, then everything the role allows', async () => {
		const tess = await personWithTemporaryPassword('temporary password');

		const page = await get('/me', tess.cookie);
		expect(page.status).toBe(303);
		expect(page.headers.get('location')).toBe('/account/password?redirectTo=%2Fme');
		const token = await requestToken(tess.cookie);
		expect(token.status).toBe(403);
		expect(await token.json()).toEqual({
			message: 'A temporary password must be changed before joining rooms.'
		});
		expect((await get('/account/password', tess.cookie)).status).toBe(200);

		const wrong = await changePassword(tess.cookie, {
			current: 'not it',
			password: 'my own long password',
			confirm: 'my own long password'
		});
		const body = await wrong.text();
		expect(wrong.status).toBe(400);
		expect(body).toContain('This is not your current password');
		expect(body).not.toContain('my own long password');

		const changed = await changePassword(
			tess.cookie,
			{
				current: 'temporary password',
				password: 'my own long password',
				confirm: 'my own long password',
				redirectTo: '/me'
			},
			'?redirectTo=%2Fme'
		);
		// It says so, and links on to where Tess was going.
		expect(changed.status).toBe(200);
		const said = await changed.text();
		expect(said).toContain('Your password is changed.');
		expect(said).toContain('href="/me"');
		// The browser that changed it stays signed in with the cookie it was given back...
		const renewed = sessionCookieOf(changed)!;
		expect(renewed).toBeDefined();
		expect((await get('/me', renewed)).status).toBe(200);
		expect((await requestToken(renewed)).status).toBe(200);
		// ...and the cookie from before the change, wherever a copy of it is, has ended.
		expect((await get('/me', tess.cookie)).headers.get('location')).toBe('/signin?redirectTo=%2Fme');
		expect((await requestToken(tess.cookie)).status).toBe(401);
		await expect(signIn(app.url, tess.email, 'temporary password')).rejects.toThrow();
		await signIn(app.url, tess.email, 'my own long password');
	});
});
