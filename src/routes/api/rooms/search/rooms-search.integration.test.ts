import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedInAs, useAppUnderTest } from '../../../../../scripts/testing/app-under-test';

const app = useAppUnderTest('rooms_search');

const search = (q: string, cookie?: string) =>
	fetch(`${app.url}/api/rooms/search?q=${encodeURIComponent(q)}`, { headers: cookie ? { cookie } : {} });

describe('GET /api/rooms/search', () => {
	it('finds rooms of the index by id or metadata, with their titles', async () => {
		const tag = randomUUID().slice(0, 8);
		const room = (id: string, metadata: object) => ({
			id,
			organizationId: 'default',
			metadata,
			searchText: [id, ...Object.values(metadata)].join(' ').toLowerCase(),
			createdAt: new Date()
		});
		await app.db.room.createMany({
			data: [room(`design-${tag}`, { title: 'Design review' }), room(`plain-${tag}`, { team: `Ops ${tag}` })]
		});

		const response = await search(tag.toUpperCase(), await signedInAs(app, 'support'));

		expect(response.status).toBe(200);
		expect(await response.json()).toEqual([
			{ id: `design-${tag}`, title: 'Design review' },
			{ id: `plain-${tag}`, title: null }
		]);
	});

	it('refuses an empty search with 400, members with 403 and strangers with 401', async () => {
		expect((await search(' ', await signedInAs(app, 'admin'))).status).toBe(400);
		expect((await search('a', await signedInAs(app, 'member'))).status).toBe(403);
		expect((await search('a')).status).toBe(401);
	});
});
