import { randomUUID } from 'node:crypto';
import { Liveblocks } from '@liveblocks/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedInAs, useAppUnderTest } from '../../../../../../scripts/testing/app-under-test';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../../../../../../scripts/services/liveblocks-dev-server';

const app = useAppUnderTest('people_page');
let liveblocks: Liveblocks;
beforeAll(() => {
	liveblocks = new Liveblocks({ secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl: app.liveblocksBaseUrl });
});

/** A room whose group and own entry let in two people of the directory. */
async function room() {
	const tag = randomUUID().slice(0, 8);
	const group = await app.db.group.create({ data: { id: `designers-${tag}`, name: `Designers ${tag}` } });
	const designer = await app.db.person.create({
		data: {
			email: `designer-${tag}@example.com`,
			name: `Dana Designer ${tag}`,
			memberships: { create: { groupId: group.id } }
		}
	});
	const owner = await app.db.person.create({
		data: { email: `owner-${tag}@example.com`, name: `Olu Owner ${tag}` }
	});
	const id = `people-${tag}`;
	await liveblocks.createRoom(id, {
		defaultAccesses: [],
		groupsAccesses: { [group.id]: ['room:read'] },
		usersAccesses: { [owner.id]: ['room:write'] }
	});
	return { id, designer, owner, group };
}

const page = async (path: string, cookie: string) => fetch(`${app.url}${path}`, { headers: { cookie } });

describe('the people with access page', () => {
	it('shows staff who can enter and how', async () => {
		const { id, designer, owner, group } = await room();
		for (const role of ['admin', 'support'] as const) {
			const response = await page(`/rooms/${id}/people`, await signedInAs(app, role));
			expect(response.status).toBe(200);
			const html = await response.text();
			expect(html).toContain(designer.name);
			expect(html).toContain(`Group ${group.name}`);
			expect(html).toContain(owner.name);
			expect(html).toContain('Own entry');
		}
		const editors = await page(`/rooms/${id}/people?level=edit`, await signedInAs(app, 'support'));
		const html = await editors.text();
		expect(html).toContain(owner.name);
		expect(html).not.toContain(designer.name);
	});

	it('refuses a member with 403', async () => {
		const { id } = await room();
		expect((await page(`/rooms/${id}/people`, await signedInAs(app, 'member'))).status).toBe(403);
	});

	it('answers 404 for a room Liveblocks does not have', async () => {
		const response = await page(
			`/rooms/no-such-room-${randomUUID()}/people`,
			await signedInAs(app, 'support')
		);
		expect(response.status).toBe(404);
		expect(await response.text()).toContain('it may have been deleted');
	});
});
