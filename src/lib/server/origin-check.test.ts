import { describe, expect, it } from 'vitest';
import { originCheck } from './origin-check';

const app = 'https://gatehouse.example.com';

async function answer(method: string, path: string, headers: Record<string, string> = {}) {
	const url = new URL(path, app);
	const event = { request: new Request(url, { method, headers }), url };
	const response = await originCheck({ event, resolve: () => new Response('handled') } as never);
	return { status: response.status, body: await response.text() };
}

describe('originCheck', () => {
	it('lets reads through whatever their origin', async () => {
		for (const method of ['GET', 'HEAD', 'OPTIONS']) {
			expect((await answer(method, '/rooms', { origin: 'https://evil.example' })).status).toBe(200);
		}
	});

	it("lets writes from the app's own origin through, whatever their Content-Type", async () => {
		for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
			expect((await answer(method, '/rooms/sync', { origin: app })).body).toBe('handled');
		}
	});

	it('refuses writes from another origin, an opaque one or none, naming why', async () => {
		expect(await answer('POST', '/rooms/sync', { origin: 'https://evil.example' })).toEqual({
			status: 403,
			body: 'Cross-site POST requests are forbidden (from https://evil.example).'
		});
		expect((await answer('DELETE', '/rooms/x', { origin: 'null' })).status).toBe(403);
		expect((await answer('POST', '/rooms/sync', { origin: `${app}.evil.example` })).status).toBe(403);
		expect(await answer('POST', '/rooms/sync')).toEqual({
			status: 403,
			body: 'POST requests must say where they come from (no Origin header).'
		});
		const json = await answer('POST', '/api/liveblocks-auth', { accept: 'application/json' });
		expect(JSON.parse(json.body)).toEqual({
			message: 'POST requests must say where they come from (no Origin header).'
		});
	});

	it('leaves Auth.js routes to their own CSRF check (identity providers post back from their origin)', async () => {
		expect((await answer('POST', '/auth/callback/oidc', { origin: 'https://id.example' })).body).toBe(
			'handled'
		);
		expect((await answer('POST', '/authority', { origin: 'https://id.example' })).status).toBe(403);
	});
});
