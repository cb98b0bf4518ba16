import { randomUUID } from 'node:crypto';
import { Liveblocks } from '@liveblocks/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { withFailingCalls, withFailingTransactions } from '../../../../scripts/testing/injected-failures';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../../../../scripts/services/liveblocks-dev-server';
import type { NewRoom } from '$lib/schemas/room';
import { refreshActiveUsers } from './active-users';
import { listRooms } from './list';
import { mirrorRoom, syncRooms } from './mirror';
import { LiveblocksUnavailable, RoomExists, RoomNotFound } from '../liveblocks';
import { createRoom, deleteRoom, RoomNotRecorded } from './write';

const database = useMigratedDatabase('rooms');
let liveblocks: Liveblocks;
beforeAll(() => {
	liveblocks = new Liveblocks({ secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl: inject('liveblocksBaseUrl') });
});

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

function newRoom(overrides: Partial<NewRoom> = {}): NewRoom {
	return {
		id: unique('room'),
		organizationId: '',
		metadataKeys: [],
		metadataValues: [],
		preset: 'private',
		copyFrom: '',
		...overrides
	};
}

async function actor() {
	const person = await database.db.person.create({
		data: { email: `${unique('admin')}@example.com`, name: 'Admin', role: 'admin' }
	});
	return person.id;
}

describe('syncRooms against the dev server (which ignores the cursor)', () => {
	it('mirrors every room once, and removes index rows Liveblocks no longer has', async () => {
		const id = unique('synced');
		await liveblocks.createRoom(id, {
			defaultAccesses: ['room:read'],
			groupsAccesses: { editors: ['room:write'] },
			metadata: { title: 'Quarterly Plan', tags: ['finance'] },
			organizationId: 'org-sync'
		});
		const gone = await mirrorRoom(database.db, {
			type: 'room',
			id: unique('gone'),
			createdAt: new Date(),
			organizationId: 'default',
			defaultAccesses: [],
			groupsAccesses: {},
			usersAccesses: {},
			metadata: {}
		});
		const progress: number[] = [];

		const result = await syncRooms(database.db, liveblocks, (synced) => progress.push(synced));

		// Other test files share the dev server, so compare with what this sync saw, not a fresh listing.
		expect(result.removed).toBe(1);
		expect(progress.at(-1)).toBe(result.synced);
		expect(await database.db.room.count()).toBe(result.synced);
		expect(await database.db.room.findUnique({ where: { id: gone.id } })).toBeNull();
		const row = await database.db.room.findUniqueOrThrow({ where: { id } });
		expect(row).toMatchObject({
			organizationId: 'org-sync',
			metadata: { title: 'Quarterly Plan', tags: ['finance'] },
			defaultAccesses: ['room:read'],
			groupsAccesses: { editors: ['room:write'] },
			usersAccesses: {}
		});
	});
});

describe('listRooms', () => {
	it('searches ids and metadata values case-insensitively, filters by organization and pages both ways', async () => {
		const org = unique('org');
		const tag = unique('Needle');
		const ids = ['a', 'b', 'c', 'd', 'e'].map((suffix) => `${tag}-${suffix}`);
		for (const id of ids) {
			await createRoom(database.db, liveblocks, await actor(), newRoom({ id, organizationId: org }));
		}
		const byMetadata = unique('room');
		await createRoom(
			database.db,
			liveblocks,
			await actor(),
			newRoom({
				id: byMetadata,
				metadataKeys: ['title'],
				metadataValues: [`About ${tag.toUpperCase()} things`]
			})
		);

		const all = await listRooms(database.db, { search: tag.toLowerCase() });
		expect(all.rooms.map((room) => room.id).sort()).toEqual([...ids, byMetadata].sort());
		expect(all.rooms.find((room) => room.id === byMetadata)?.title).toBe(`About ${tag.toUpperCase()} things`);

		const first = await listRooms(database.db, { organizationId: org, limit: 2 });
		expect(first.rooms.map((room) => room.id)).toEqual(ids.slice(0, 2));
		expect(first.previous).toBeNull();
		const second = await listRooms(database.db, { organizationId: org, limit: 2, after: first.next });
		expect(second.rooms.map((room) => room.id)).toEqual(ids.slice(2, 4));
		const third = await listRooms(database.db, { organizationId: org, limit: 2, after: second.next });
		expect(third.rooms.map((room) => room.id)).toEqual(ids.slice(4));
		expect(third.next).toBeNull();
		const back = await listRooms(database.db, { organizationId: org, limit: 2, before: third.previous });
		expect(back.rooms.map((room) => room.id)).toEqual(ids.slice(2, 4));
		const start = await listRooms(database.db, { organizationId: org, limit: 2, before: back.previous });
		expect(start.rooms.map((room) => room.id)).toEqual(ids.slice(0, 2));
		expect(start.previous).toBeNull();
	});
});

describe('createRoom and deleteRoom', () => {
	it('creates from a preset with metadata and an organization, mirrored and audited', async () => {
		const actorId = await actor();
		const input = newRoom({
			preset: 'comment',
			organizationId: 'org-a',
			metadataKeys: ['title', ''],
			metadataValues: ['Plan', '']
		});

		await createRoom(database.db, liveblocks, actorId, input);

		const room = await liveblocks.getRoom(input.id);
		expect(room).toMatchObject({
			defaultAccesses: ['*:read', 'comments:write'],
			organizationId: 'org-a',
			metadata: { title: 'Plan' }
		});
		expect(await database.db.room.findUnique({ where: { id: input.id } })).toMatchObject({
			organizationId: 'org-a',
			activeUsers: 0
		});
		const audit = await database.db.auditEvent.findFirstOrThrow({
			where: { targetType: 'room', targetId: input.id }
		});
		expect(audit).toMatchObject({
			actorId,
			action: 'room.created',
			after: { preset: 'comment', defaultAccesses: ['*:read', 'comments:write'] }
		});
	});

	it('copies the accesses of another room', async () => {
		const source = unique('source');
		await liveblocks.createRoom(source, {
			defaultAccesses: [],
			groupsAccesses: { team: ['room:write'] },
			usersAccesses: { ada: ['room:read'] }
		});
		const input = newRoom({ copyFrom: source });

		await createRoom(database.db, liveblocks, await actor(), input);

		expect(await liveblocks.getRoom(input.id)).toMatchObject({
			defaultAccesses: [],
			groupsAccesses: { team: ['room:write'] },
			usersAccesses: { ada: ['room:read'] }
		});
		await expect(
			createRoom(database.db, liveblocks, await actor(), newRoom({ copyFrom: unique('missing') }))
		).rejects.toBeInstanceOf(RoomNotFound);
	});

	it('refuses an id Liveblocks already has (409) and writes nothing', async () => {
		const input = newRoom();
		await liveblocks.createRoom(input.id, { defaultAccesses: ['room:write'] });

		await expect(createRoom(database.db, liveblocks, await actor(), input)).rejects.toBeInstanceOf(
			RoomExists
		);
		expect(await database.db.auditEvent.count({ where: { targetId: input.id } })).toBe(0);
		expect((await liveblocks.getRoom(input.id)).defaultAccesses).toEqual(['room:write']);
	});

	it('deletes the new room again when the database cannot record it', async () => {
		const input = newRoom();

		const error = await createRoom(
			withFailingTransactions(database.db),
			liveblocks,
			await actor(),
			input
		).catch((thrown: unknown) => thrown);

		expect(error).toBeInstanceOf(RoomNotRecorded);
		expect(error).toMatchObject({ undone: true });
		await expect(liveblocks.getRoom(input.id)).rejects.toMatchObject({ status: 404 });
		expect(await database.db.room.findUnique({ where: { id: input.id } })).toBeNull();
	});

	it('records no deletion when Liveblocks does not delete the room', async () => {
		const actorId = await actor();
		const input = newRoom();
		await createRoom(database.db, liveblocks, actorId, input);

		await expect(
			deleteRoom(database.db, withFailingCalls(liveblocks, ['deleteRoom']), actorId, input.id)
		).rejects.toBeInstanceOf(LiveblocksUnavailable);

		expect(await liveblocks.getRoom(input.id)).toMatchObject({ id: input.id });
		expect(await database.db.room.findUnique({ where: { id: input.id } })).not.toBeNull();
		expect(
			await database.db.auditEvent.count({ where: { targetId: input.id, action: 'room.deleted' } })
		).toBe(0);
	});

	it('deletes from Liveblocks and the index, recording the room as it was', async () => {
		const actorId = await actor();
		const input = newRoom({ preset: 'view', metadataKeys: ['title'], metadataValues: ['Old'] });
		await createRoom(database.db, liveblocks, actorId, input);

		await deleteRoom(database.db, liveblocks, actorId, input.id);

		await expect(liveblocks.getRoom(input.id)).rejects.toMatchObject({ status: 404 });
		expect(await database.db.room.findUnique({ where: { id: input.id } })).toBeNull();
		const audit = await database.db.auditEvent.findFirstOrThrow({
			where: { targetId: input.id, action: 'room.deleted' }
		});
		expect(audit).toMatchObject({
			actorId,
			targetType: 'room',
			before: { id: input.id, defaultAccesses: ['*:read'], metadata: { title: 'Old' } }
		});
		await expect(deleteRoom(database.db, liveblocks, actorId, input.id)).rejects.toBeInstanceOf(RoomNotFound);
	});
});

describe('refreshActiveUsers', () => {
	it('asks Liveblocks once per 10 s per room and keeps the count in the index', async () => {
		const input = newRoom();
		await createRoom(database.db, liveblocks, await actor(), input);
		// A stale count, so that the 0 below can only come from Liveblocks.
		await database.db.room.update({ where: { id: input.id }, data: { activeUsers: 7 } });
		const now = new Date();

		expect((await refreshActiveUsers(database.db, liveblocks, [input.id], now)).get(input.id)).toBe(0);
		const checked = await database.db.room.findUniqueOrThrow({ where: { id: input.id } });
		expect(checked.activeCheckedAt).toEqual(now);

		await refreshActiveUsers(database.db, liveblocks, [input.id], new Date(now.getTime() + 5_000));
		expect((await database.db.room.findUniqueOrThrow({ where: { id: input.id } })).activeCheckedAt).toEqual(
			now
		);

		const later = new Date(now.getTime() + 11_000);
		await refreshActiveUsers(database.db, liveblocks, [input.id], later);
		expect((await database.db.room.findUniqueOrThrow({ where: { id: input.id } })).activeCheckedAt).toEqual(
			later
		);
	});
});
