import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signedInAs, useAppUnderTest } from '../../../../../scripts/testing/app-under-test';

const app = useAppUnderTest('directory_search');

const search = (q: string, cookie?: string) =>
	fetch(`${app.url}/api/directory/search?q=${encodeURIComponent(q)}`, { headers: cookie ? { cookie } : {} });

describe('GET /api/directory/search', () => {
	it('finds groups and people, each person with their groups in token order and status', async () => {
		const tag = randomUUID().slice(0, 8);
		await app.db.group.createMany({
			data: [
				{ id: `zeta-${tag}`, name: `Zeta ${tag}` },
				{ id: `alpha-${tag}`, name: `Alpha ${tag}` }
			]
		});
		await app.db.person.create({
			data: {
				email: `wanda-${tag}@example.com`,
				name: `Wanda ${tag}`,
				status: 'deactivated',
				memberships: { create: [{ groupId: `zeta-${tag}` }, { groupId: `alpha-${tag}` }] }
			}
		});

		const response = await search(tag, await signedInAs(app, 'support'));

		expect(response.status).toBe(200);
		expect(await response.json()).toEqual({
			groups: [
				{ id: `alpha-${tag}`, name: `Alpha ${tag}`, memberCount: 1 },
				{ id: `zeta-${tag}`, name: `Zeta ${tag}`, memberCount: 1 }
			],
			people: [
				{
					id: expect.any(String),
					name: `Wanda ${tag}`,
					email: `wanda-${tag}@example.com`,
					status: 'deactivated',
					groupIds: [`alpha-${tag}`, `zeta-${tag}`]
				}
			]
		});
	});

	it('offers to invite a valid email nobody has, and no other search', async () => {
		const cookie = await signedInAs(app, 'admin');
		const tag = randomUUID().slice(0, 8);
		await app.db.person.create({ data: { email: `here-${tag}@example.com`, name: 'Here' } });

		const invitable = async (q: string) =>
			((await (await search(q, cookie)).json()) as { invitable?: string }).invitable;
		expect(await invitable(`New-${tag}@Example.com`)).toBe(`new-${tag}@example.com`);
		expect(await invitable(`HERE-${tag}@example.com`)).toBeUndefined();
		expect(await invitable(`new-${tag}`)).toBeUndefined();
	});

	it('refuses an empty search with 400, members with 403 and strangers with 401', async () => {
		expect((await search(' ', await signedInAs(app, 'admin'))).status).toBe(400);
		expect((await search('a', await signedInAs(app, 'member'))).status).toBe(403);
		expect((await search('a')).status).toBe(401);
	});
});
