import { randomUUID } from 'node:crypto';
import { Liveblocks } from '@liveblocks/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { useAppUnderTest } from '../../../../scripts/testing/app-under-test';
import { signIn } from '../../../../scripts/testing/http-session';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../../../../scripts/services/liveblocks-dev-server';
import { hashPassword } from '$lib/server/passwords';
import { mirrorRoom } from '$lib/server/rooms/mirror';

// Its own database: no other test's rooms are open to everyone here, so "no rooms yet" is real.
const app = useAppUnderTest('members_home');
let liveblocks: Liveblocks;
beforeAll(() => {
	liveblocks = new Liveblocks({ secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl: app.liveblocksBaseUrl });
});

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

async function member(data: { name?: string; avatarUrl?: string } = {}) {
	const email = `${unique('member')}@example.com`;
	const person = await app.db.person.create({
		data: {
			email,
			name: data.name ?? 'Mia Member',
			avatarUrl: data.avatarUrl,
			passwordHash: await hashPassword('pw')
		}
	});
	return { id: person.id, cookie: await signIn(app.url, email, 'pw') };
}

const home = async (cookie: string, query = '') =>
	(await fetch(`${app.url}/me${query}`, { headers: { cookie } })).text();

describe("the members' home", () => {
	it('says there are no rooms yet, and no requests, to a member no room lets in', async () => {
		const nobody = await member();
		const closed = unique('closed');
		await liveblocks.createRoom(closed, { defaultAccesses: [], usersAccesses: { someone: ['*:write'] } });
		await mirrorRoom(app.db, await liveblocks.getRoom(closed));

		const page = await home(nobody.cookie);
		expect(page).toContain('No rooms yet — ask an admin to let you in.');
		expect(page).toContain('You have not asked for access to any room.');
		expect(page).not.toContain(closed);
	});

	it('names groups by name and lists the rooms the member can enter with their level', async () => {
		const groupId = unique('design');
		await app.db.group.create({ data: { id: groupId, name: 'Design team' } });
		const mia = await member();
		await app.db.groupMembership.create({ data: { personId: mia.id, groupId } });
		const rooms = { edit: unique('edit'), comment: unique('comment'), closed: unique('closed') };
		await liveblocks.createRoom(rooms.edit, {
			defaultAccesses: [],
			groupsAccesses: { [groupId]: ['*:write'] }
		});
		await liveblocks.createRoom(rooms.comment, {
			defaultAccesses: [],
			usersAccesses: { [mia.id]: ['*:read', 'comments:write'] },
			metadata: { title: 'Roadmap' }
		});
		await liveblocks.createRoom(rooms.closed, { defaultAccesses: [] });
		for (const id of Object.values(rooms)) await mirrorRoom(app.db, await liveblocks.getRoom(id));

		const page = await home(mia.cookie);
		expect(page).toContain('Design team');
		expect(page).not.toContain(`>${groupId}<`);
		expect(page).toMatch(new RegExp(`${rooms.edit}[\\s\\S]*?Can edit`));
		expect(page).toMatch(/Roadmap[\s\S]*?Can comment/);
		expect(page).not.toContain(rooms.closed);
		expect(page).toContain(`/rooms/${rooms.edit}/`);

		const searched = await home(mia.cookie, '?q=roadmap');
		expect(searched).toContain('Roadmap');
		expect(searched).not.toContain(rooms.edit);
	});

	it('says why at the top when the ID-token endpoint would refuse the member', async () => {
		const loud = await member({ avatarUrl: `https://example.com/${'a'.repeat(1100)}.png` });
		const page = await home(loud.cookie);
		expect(page).toContain('You cannot join rooms right now.');
		expect(page).toContain('the limit is 1024');
	});
});
