import { randomUUID } from 'node:crypto';
import { Liveblocks, type CreateRoomOptions } from '@liveblocks/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../../../../scripts/services/liveblocks-dev-server';
import { signedInAs, useAppUnderTest } from '../../../../scripts/testing/app-under-test';
import { postFormAction } from '../../../../scripts/testing/form-action';
import { mirrorRoom } from './mirror';
import { roomsReferencing } from './referencing';

const app = useAppUnderTest('rooms_referencing');
let liveblocks: Liveblocks;
beforeAll(() => {
	liveblocks = new Liveblocks({ secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl: app.liveblocksBaseUrl });
});

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** A room in Liveblocks and in the index, as a sync leaves it. */
async function room(
	groupsAccesses: CreateRoomOptions['groupsAccesses'],
	usersAccesses: CreateRoomOptions['usersAccesses'] = {}
) {
	const id = unique('room');
	await mirrorRoom(
		app.db,
		await liveblocks.createRoom(id, { defaultAccesses: [], groupsAccesses, usersAccesses })
	);
	return id;
}

async function finished(jobId: string) {
	for (let tries = 0; tries < 100; tries += 1) {
		const job = await app.db.bulkJob.findUniqueOrThrow({ where: { id: jobId } });
		if (job.status === 'finished') return;
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
	throw new Error(`bulk job ${jobId} did not finish`);
}

describe('roomsReferencing', () => {
	it('lists the rooms whose entries name the group or person, whatever their list, and only those', async () => {
		const designers = unique('designers');
		const b = await room({ [designers]: ['room:write'], engineers: ['room:read'] });
		const a = await room({ [designers]: [] });
		await room({ engineers: ['room:write'] }, { [designers]: ['room:read'] });
		expect(await roomsReferencing(app.db, { kind: 'group', id: designers })).toEqual([a, b].sort());
		expect(await roomsReferencing(app.db, { kind: 'group', id: designers.slice(0, -1) })).toEqual([]);
		expect((await roomsReferencing(app.db, { kind: 'user', id: designers })).length).toBe(1);
	});
});

describe('deleting a group or person', () => {
	it('removes their entries from every room when asked, as a bulk job, and audits both', async () => {
		const cookie = await signedInAs(app, 'admin');
		const group = unique('leaving');
		await app.db.group.create({ data: { id: group, name: 'Leaving' } });
		const rooms = [
			await room({ [group]: ['*:write'], stays: ['*:read'] }),
			await room({ [group]: ['*:read'] })
		];

		const result = await postFormAction(app.url, cookie, `/groups/${group}/delete`, { removeEntries: 'on' });
		expect(result.type).toBe('redirect');
		const jobId = result.location!.replace('/rooms/bulk/', '');
		await finished(jobId);
		for (const id of rooms)
			expect(Object.keys((await liveblocks.getRoom(id)).groupsAccesses)).not.toContain(group);
		expect((await liveblocks.getRoom(rooms[0]!)).groupsAccesses).toEqual({ stays: ['*:read'] });
		expect(await roomsReferencing(app.db, { kind: 'group', id: group })).toEqual([]);
		const actions = await app.db.auditEvent.findMany({
			where: { OR: [{ targetId: group }, { targetId: jobId }, { targetId: { in: rooms } }] },
			select: { action: true }
		});
		expect(actions.map((event) => event.action).sort()).toEqual(
			['bulk-job.created', 'group.deleted', 'room.access-updated', 'room.access-updated'].sort()
		);
	});

	it("leaves the entries when the admin unticks the choice, and a person's entries go the same way", async () => {
		const cookie = await signedInAs(app, 'admin');
		const kept = unique('kept');
		await app.db.group.create({ data: { id: kept, name: 'Kept' } });
		const keptRoom = await room({ [kept]: ['*:read'] });
		const result = await postFormAction(app.url, cookie, `/groups/${kept}/delete`, {});
		expect(result.location).toBe(`/groups?deleted=${kept}`);
		expect(await roomsReferencing(app.db, { kind: 'group', id: kept })).toEqual([keptRoom]);

		const person = await app.db.person.create({
			data: { email: `${unique('p')}@example.com`, name: 'Gone' }
		});
		const personRoom = await room({}, { [person.id]: ['*:write'] });
		const removed = await postFormAction(app.url, cookie, `/people/${person.id}/delete`, {
			removeEntries: 'on'
		});
		await finished(removed.location!.replace('/rooms/bulk/', ''));
		expect((await liveblocks.getRoom(personRoom)).usersAccesses).toEqual({});
	});

	it('asks before creating a group whose id rooms still name', async () => {
		const cookie = await signedInAs(app, 'admin');
		const id = unique('again');
		const named = await room({ [id]: ['*:write'] });
		const refused = await postFormAction(app.url, cookie, '/groups/new', {
			name: 'Again',
			id,
			description: ''
		});
		expect(refused.status).toBe(409);
		expect(JSON.stringify(refused.data)).toContain(named);
		expect(await app.db.group.findUnique({ where: { id } })).toBeNull();

		const created = await postFormAction(app.url, cookie, '/groups/new', {
			name: 'Again',
			id,
			description: '',
			regrant: 'on'
		});
		expect(created.location).toBe(`/groups/${id}?created`);
	});
});
