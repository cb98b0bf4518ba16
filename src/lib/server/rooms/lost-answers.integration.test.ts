import { randomUUID } from 'node:crypto';
import { Liveblocks } from '@liveblocks/node';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import type { NewRoom } from '$lib/schemas/room';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../../../../scripts/services/liveblocks-dev-server';
import { isUpdateOf, startFaultProxy, type FaultProxy } from '../../../../scripts/testing/fault-proxy';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { accessesOf, saveRoomAccess } from './access';
import { LiveblocksUnavailable } from '../liveblocks';
import { createRoom, deleteRoom } from './write';

// Liveblocks applies a write but its answer never reaches the app (a 500, a reset connection): the
// app must read the room back and record what really happened, not say "nothing changed".
const database = useMigratedDatabase('lost_answers');
let direct: Liveblocks;
let client: Liveblocks;
let proxy: FaultProxy;
let actorId: string;

beforeAll(async () => {
	direct = new Liveblocks({ secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl: inject('liveblocksBaseUrl') });
	proxy = await startFaultProxy(inject('liveblocksBaseUrl'));
	client = new Liveblocks({ secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl: proxy.url });
	const admin = await database.db.person.create({
		data: { email: `admin-${randomUUID()}@example.com`, name: 'Admin', role: 'admin' }
	});
	actorId = admin.id;
});
afterAll(() => proxy.close());
beforeEach(() => proxy.reset());

function newRoom(): NewRoom {
	const id = `room-${randomUUID().slice(0, 8)}`;
	return { id, organizationId: '', metadataKeys: [], metadataValues: [], preset: 'view', copyFrom: '' };
}

const audited = (targetId: string, action: string) =>
	database.db.auditEvent.count({ where: { targetId, action } });

describe('a write whose answer is lost', () => {
	it('an access save that landed is recorded as saved', async () => {
		const input = newRoom();
		const created = await createRoom(database.db, direct, actorId, input);
		const loaded = accessesOf(created);
		const edited = { ...loaded, groupsAccesses: { designers: ['*:write'] } };
		proxy.inject({ matches: isUpdateOf(input.id), status: 500, times: 1, lostAnswer: true });

		const result = await saveRoomAccess(database.db, client, actorId, input.id, { loaded, edited });

		expect(result.outcome).toBe('saved');
		expect((await direct.getRoom(input.id)).groupsAccesses).toEqual({ designers: ['*:write'] });
		expect(await audited(input.id, 'room.access-updated')).toBe(1);
		const indexed = await database.db.room.findUniqueOrThrow({ where: { id: input.id } });
		expect(indexed.groupsAccesses).toEqual({ designers: ['*:write'] });
	});

	it('an access save that did not land still says nothing was saved', async () => {
		const input = newRoom();
		const loaded = accessesOf(await createRoom(database.db, direct, actorId, input));
		const edited = { ...loaded, defaultAccesses: ['*:write'] };
		proxy.inject({ matches: isUpdateOf(input.id), status: 503, times: 1 });

		await expect(
			saveRoomAccess(database.db, client, actorId, input.id, { loaded, edited })
		).rejects.toBeInstanceOf(LiveblocksUnavailable);
		expect((await direct.getRoom(input.id)).defaultAccesses).toEqual(['*:read']);
		expect(await audited(input.id, 'room.access-updated')).toBe(0);
	});

	it('a creation that landed is recorded as created', async () => {
		const input = newRoom();
		proxy.inject({
			matches: (request) => request.method === 'POST' && request.path === '/v2/rooms',
			status: 500,
			times: 1,
			lostAnswer: true
		});

		const room = await createRoom(database.db, client, actorId, input);

		expect(room.id).toBe(input.id);
		expect(await audited(input.id, 'room.created')).toBe(1);
		expect(await database.db.room.count({ where: { id: input.id } })).toBe(1);
	});

	it('a deletion that landed is recorded as deleted', async () => {
		const input = newRoom();
		await createRoom(database.db, direct, actorId, input);
		proxy.inject({
			matches: (request) => request.method === 'DELETE' && request.path === `/v2/rooms/${input.id}`,
			status: 500,
			times: 1,
			lostAnswer: true
		});

		await deleteRoom(database.db, client, actorId, input.id);

		await expect(direct.getRoom(input.id)).rejects.toMatchObject({ status: 404 });
		expect(await audited(input.id, 'room.deleted')).toBe(1);
		expect(await database.db.room.count({ where: { id: input.id } })).toBe(0);
	});
});

it('deletes a room that Liveblocks answers slowly (over the 5 s a transaction may last)', async () => {
	const input = newRoom();
	await createRoom(database.db, direct, actorId, input);
	proxy.slowDown(6_000);

	await deleteRoom(database.db, client, actorId, input.id);

	await expect(direct.getRoom(input.id)).rejects.toMatchObject({ status: 404 });
	expect(await audited(input.id, 'room.deleted')).toBe(1);
	expect(await database.db.room.count({ where: { id: input.id } })).toBe(0);
}, 40_000);
