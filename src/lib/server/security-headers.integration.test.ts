import { randomUUID } from 'node:crypto';
import { Liveblocks } from '@liveblocks/node';
import { describe, expect, it } from 'vitest';
import { signedInAs, useAppUnderTest } from '../../../scripts/testing/app-under-test';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../../../scripts/services/liveblocks-dev-server';

const app = useAppUnderTest('security_headers');

const get = (path: string, cookie?: string) =>
	fetch(`${app.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });

/** The directives of a Content-Security-Policy header, by name. */
function directives(response: Response): Map<string, string[]> {
	const header = response.headers.get('content-security-policy') ?? '';
	return new Map(
		header
			.split(';')
			.map((part) => part.trim().split(/\s+/))
			.filter(([name]) => name)
			.map(([name, ...sources]) => [name!, sources])
	);
}

function expectCommonHeaders(response: Response) {
	expect(response.headers.get('x-content-type-options')).toBe('nosniff');
	expect(response.headers.get('x-frame-options')).toBe('DENY');
	expect(response.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
	const permissions = response.headers.get('permissions-policy') ?? '';
	for (const feature of ['camera', 'microphone', 'geolocation', 'payment', 'usb']) {
		expect(permissions).toContain(`${feature}=()`);
	}
	expect(directives(response).get('frame-ancestors')).toEqual(["'none'"]);
}

describe('security headers', () => {
	it('give a page a nonce-based policy that lets the live room reach Liveblocks and nothing frame it', async () => {
		const page = await get('/signin');
		expect(page.status).toBe(200);
		expectCommonHeaders(page);
		const policy = directives(page);
		const nonce = policy.get('script-src')!.find((source) => source.startsWith("'nonce-"));
		expect(nonce).toBeDefined();
		expect(await page.text()).toContain(`nonce="${nonce!.slice("'nonce-".length, -1)}"`);
		expect(policy.get('script-src')).not.toContain("'unsafe-inline'");
		expect(policy.get('object-src')).toEqual(["'none'"]);
		const liveblocks = new URL(app.liveblocksBaseUrl);
		expect(policy.get('connect-src')).toEqual(["'self'", liveblocks.origin, `ws://${liveblocks.host}`]);
		// Signed out, the page depends on no session.
		expect(page.headers.get('cache-control')).not.toBe('no-store');
	});

	it('mark signed-in pages as never to be stored', async () => {
		const cookie = await signedInAs(app, 'member');
		const page = await get('/me', cookie);
		expect(page.status).toBe(200);
		expectCommonHeaders(page);
		expect(page.headers.get('cache-control')).toBe('no-store');
	});

	it('give an endpoint a policy that runs nothing', async () => {
		const cookie = await signedInAs(app, 'member');
		const token = await fetch(`${app.url}/api/liveblocks-auth`, {
			method: 'POST',
			headers: { cookie, origin: app.url, 'content-type': 'application/json' },
			body: JSON.stringify({ room: 'any-room' })
		});
		expect(token.status).toBe(200);
		expectCommonHeaders(token);
		expect(directives(token).get('default-src')).toEqual(["'none'"]);
		expect(token.headers.get('cache-control')).toBe('no-store');
	});

	it('are on error pages too', async () => {
		// Signed in: signed out, an address no page matches asks to sign in first.
		const missing = await get(`/no-such-page-${randomUUID()}`, await signedInAs(app, 'member'));
		expect(missing.status).toBe(404);
		expectCommonHeaders(missing);
		expect(
			directives(missing)
				.get('script-src')!
				.some((source) => source.startsWith("'nonce-"))
		).toBe(true);
	});
});

describe('the origin check', () => {
	it('refuses a rooms sync without Content-Type from another origin or from nowhere, and syncs nothing', async () => {
		const liveblocks = new Liveblocks({ secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl: app.liveblocksBaseUrl });
		const roomId = `unsynced-${randomUUID()}`;
		await liveblocks.createRoom(roomId, { defaultAccesses: [] });
		const admin = await signedInAs(app, 'admin');
		const sync = (headers: Record<string, string>) =>
			fetch(`${app.url}/rooms/sync`, { method: 'POST', headers: { cookie: admin, ...headers } });

		const forgeries: Record<string, string>[] = [{ origin: 'https://evil.example' }, { origin: 'null' }, {}];
		for (const forged of forgeries) {
			const refused = await sync(forged);
			expect(refused.status).toBe(403);
			expect(await refused.text()).toMatch(
				/Cross-site POST requests are forbidden|must say where they come from/
			);
			expectCommonHeaders(refused);
		}
		expect(await app.db.room.findUnique({ where: { id: roomId } })).toBeNull();

		// The same request from the app's own page goes through: the origin was all that was wrong.
		const synced = await sync({ origin: app.url });
		expect(synced.status).toBe(200);
		expect(await synced.text()).toContain('"done"');
		expect(await app.db.room.findUnique({ where: { id: roomId } })).not.toBeNull();
		await liveblocks.deleteRoom(roomId);
	});

	it('answers a JSON caller in JSON and leaves Auth.js its own CSRF check', async () => {
		const refused = await fetch(`${app.url}/api/liveblocks-auth`, {
			method: 'POST',
			headers: { accept: 'application/json', 'content-type': 'application/json' },
			body: JSON.stringify({ room: 'any-room' })
		});
		expect(refused.status).toBe(403);
		expect(await refused.json()).toEqual({
			message: 'POST requests must say where they come from (no Origin header).'
		});
		// Auth.js routes are left to Auth.js and its CSRF token: a post with no Origin (and no
		// Content-Type, so SvelteKit's form check does not apply either) gets Auth.js's own answer.
		const authJs = await fetch(`${app.url}/auth/signout`, { method: 'POST', redirect: 'manual' });
		expect(authJs.status).toBe(302);
		expectCommonHeaders(authJs);
	});
});
