import { randomUUID } from 'node:crypto';
import type { RoomData } from '@liveblocks/node';
import { beforeAll, describe, expect, it } from 'vitest';
import type { NewRoom } from '$lib/schemas/room';
import { isUpdateOf, type Fault, type ProxiedRequest } from '../../../../scripts/testing/fault-proxy';
import { useLiveblocksBehindFaultProxy } from '../../../../scripts/testing/liveblocks-behind-proxy';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { LiveblocksUnavailable } from '../liveblocks';
import { accessesOf, saveRoomAccess } from './access';
import { createRoom, deleteRoom } from './write';

// Every kind of room write against a Liveblocks that is stopped, hung, slow, rate limiting or
// failing, or that applies a write whose answer never reaches the app: each ends in bounded time
// with the right outcome (the app reads the room back rather than say "nothing changed"), and
// afterwards Liveblocks, the room index and the audit log tell the same story.
const database = useMigratedDatabase('write_faults');
const liveblocks = useLiveblocksBehindFaultProxy();
let actorId: string;

beforeAll(async () => {
	const admin = await database.db.person.create({
		data: { email: `admin-${randomUUID()}@example.com`, name: 'Admin', role: 'admin' }
	});
	actorId = admin.id;
});

function newRoom(): NewRoom {
	const id = `room-${randomUUID().slice(0, 8)}`;
	return { id, organizationId: '', metadataKeys: [], metadataValues: [], preset: 'view', copyFrom: '' };
}

const liveblocksHas = (id: string): Promise<RoomData | null> =>
	liveblocks.direct.getRoom(id).catch((error: { status?: number }) => {
		if (error.status === 404) return null;
		throw error;
	});

/** One kind of write: the room it starts from, the request that carries it, and what it does. */
type WriteKind = {
	name: string;
	prepare: () => Promise<string>;
	isWrite: (roomId: string) => (request: ProxiedRequest) => boolean;
	write: (roomId: string) => Promise<unknown>;
	action: string;
	/** Whether Liveblocks now has the room as the write leaves it. */
	landed: (room: RoomData | null) => boolean;
};

let pending: NewRoom | undefined;
const kinds: WriteKind[] = [
	{
		name: 'a room creation',
		prepare: async () => (pending = newRoom()).id,
		isWrite: () => (request) => request.method === 'POST' && request.path === '/v2/rooms',
		write: () => createRoom(database.db, liveblocks.client, actorId, pending!),
		action: 'room.created',
		landed: (room) => room !== null
	},
	{
		name: 'an access save',
		prepare: async () => (await createRoom(database.db, liveblocks.direct, actorId, newRoom())).id,
		isWrite: (roomId) => isUpdateOf(roomId),
		write: async (roomId) => {
			const loaded = accessesOf(await liveblocks.direct.getRoom(roomId));
			const edited = { ...loaded, groupsAccesses: { designers: ['room:write'] } };
			const result = await saveRoomAccess(database.db, liveblocks.client, actorId, roomId, {
				loaded,
				edited
			});
			expect(result.outcome).toBe('saved');
		},
		action: 'room.access-updated',
		landed: (room) => room?.groupsAccesses.designers?.[0] === 'room:write'
	},
	{
		name: 'a room deletion',
		prepare: async () => (await createRoom(database.db, liveblocks.direct, actorId, newRoom())).id,
		isWrite: (roomId) => (request) =>
			request.method === 'DELETE' && request.path === `/v2/rooms/${encodeURIComponent(roomId)}`,
		write: (roomId) => deleteRoom(database.db, liveblocks.client, actorId, roomId),
		action: 'room.deleted',
		landed: (room) => room === null
	}
];

/** Liveblocks, the index and the audit log agree on whether the write happened. */
async function expectAgreement(kind: WriteKind, roomId: string, happened: boolean) {
	const room = await liveblocksHas(roomId);
	expect(kind.landed(room)).toBe(happened);
	const indexed = await database.db.room.findUnique({ where: { id: roomId } });
	expect(indexed === null).toBe(room === null);
	if (room && indexed) expect(indexed.groupsAccesses).toEqual(room.groupsAccesses);
	expect(await database.db.auditEvent.count({ where: { targetId: roomId, action: kind.action } })).toBe(
		happened ? 1 : 0
	);
}

async function timed<T>(work: Promise<T>): Promise<{ ms: number; error: unknown }> {
	const started = Date.now();
	const error = await work.then(
		() => undefined,
		(failure: unknown) => failure
	);
	return { ms: Date.now() - started, error };
}

describe.each(kinds)('$name', (kind) => {
	it('fails at once when Liveblocks is stopped, recording nothing', async () => {
		const roomId = await kind.prepare();
		await liveblocks.proxy.stop();
		let outcome;
		try {
			outcome = await timed(kind.write(roomId));
		} finally {
			await liveblocks.proxy.restart();
		}
		expect(outcome.error).toBeInstanceOf(LiveblocksUnavailable);
		expect((outcome.error as Error).message).toBe('Liveblocks could not be reached');
		expect(outcome.ms).toBeLessThan(3_000);
		await expectAgreement(kind, roomId, false);
	});

	it('goes through after a 429, tried again, recorded once', async () => {
		const roomId = await kind.prepare();
		liveblocks.proxy.inject({ matches: kind.isWrite(roomId), status: 429, times: 1 });
		expect((await timed(kind.write(roomId))).error).toBeUndefined();
		expect(liveblocks.proxy.failed).toHaveLength(1);
		await expectAgreement(kind, roomId, true);
	});

	it('reports a 500 that changed nothing as such, after reading the room back', async () => {
		const roomId = await kind.prepare();
		liveblocks.proxy.inject({ matches: kind.isWrite(roomId), status: 500, times: Infinity });
		const { error } = await timed(kind.write(roomId));
		expect(error).toBeInstanceOf(LiveblocksUnavailable);
		expect((error as Error).message).toBe('Liveblocks answered 500: Injected 500');
		await expectAgreement(kind, roomId, false);
	});

	it('waits for a slow Liveblocks and records the write', async () => {
		const roomId = await kind.prepare();
		liveblocks.proxy.slowDown(1_500);
		expect((await timed(kind.write(roomId))).error).toBeUndefined();
		await expectAgreement(kind, roomId, true);
	});
});

describe('a write Liveblocks never answers', () => {
	const hang = (kind: WriteKind, roomId: string, landed: boolean): Fault => ({
		matches: kind.isWrite(roomId),
		status: 0,
		times: 1,
		hang: true,
		lostAnswer: landed
	});

	it('gives up after 10 s and, reading the room back, says nothing was saved', async () => {
		const kind = kinds[1]!;
		const roomId = await kind.prepare();
		liveblocks.proxy.inject(hang(kind, roomId, false));
		const { ms, error } = await timed(kind.write(roomId));
		expect(error).toMatchObject({ timedOut: true, message: 'Liveblocks did not answer in time' });
		expect(ms).toBeLessThan(12_000);
		await expectAgreement(kind, roomId, false);
	});

	it('gives up after 10 s and, reading the room back, records the deletion that happened', async () => {
		const kind = kinds[2]!;
		const roomId = await kind.prepare();
		liveblocks.proxy.inject(hang(kind, roomId, true));
		const { ms, error } = await timed(kind.write(roomId));
		expect(error).toBeUndefined();
		expect(ms).toBeLessThan(12_000);
		await expectAgreement(kind, roomId, true);
	});
});

const audited = (targetId: string, action: string) =>
	database.db.auditEvent.count({ where: { targetId, action } });

describe('a write whose answer is lost', () => {
	it('an access save that landed is recorded as saved', async () => {
		const input = newRoom();
		const created = await createRoom(database.db, liveblocks.direct, actorId, input);
		const loaded = accessesOf(created);
		const edited = { ...loaded, groupsAccesses: { designers: ['*:write'] } };
		liveblocks.proxy.inject({ matches: isUpdateOf(input.id), status: 500, times: 1, lostAnswer: true });

		const result = await saveRoomAccess(database.db, liveblocks.client, actorId, input.id, {
			loaded,
			edited
		});

		expect(result.outcome).toBe('saved');
		expect((await liveblocks.direct.getRoom(input.id)).groupsAccesses).toEqual({ designers: ['*:write'] });
		expect(await audited(input.id, 'room.access-updated')).toBe(1);
		const indexed = await database.db.room.findUniqueOrThrow({ where: { id: input.id } });
		expect(indexed.groupsAccesses).toEqual({ designers: ['*:write'] });
	});

	it('an access save that did not land still says nothing was saved', async () => {
		const input = newRoom();
		const loaded = accessesOf(await createRoom(database.db, liveblocks.direct, actorId, input));
		const edited = { ...loaded, defaultAccesses: ['*:write'] };
		liveblocks.proxy.inject({ matches: isUpdateOf(input.id), status: 503, times: 1 });

		await expect(
			saveRoomAccess(database.db, liveblocks.client, actorId, input.id, { loaded, edited })
		).rejects.toBeInstanceOf(LiveblocksUnavailable);
		expect((await liveblocks.direct.getRoom(input.id)).defaultAccesses).toEqual(['*:read']);
		expect(await audited(input.id, 'room.access-updated')).toBe(0);
	});

	it('a creation that landed is recorded as created', async () => {
		const input = newRoom();
		liveblocks.proxy.inject({
			matches: (request) => request.method === 'POST' && request.path === '/v2/rooms',
			status: 500,
			times: 1,
			lostAnswer: true
		});

		const room = await createRoom(database.db, liveblocks.client, actorId, input);

		expect(room.id).toBe(input.id);
		expect(await audited(input.id, 'room.created')).toBe(1);
		expect(await database.db.room.count({ where: { id: input.id } })).toBe(1);
	});

	it('a deletion that landed is recorded as deleted', async () => {
		const input = newRoom();
		await createRoom(database.db, liveblocks.direct, actorId, input);
		liveblocks.proxy.inject({
			matches: (request) => request.method === 'DELETE' && request.path === `/v2/rooms/${input.id}`,
			status: 500,
			times: 1,
			lostAnswer: true
		});

		await deleteRoom(database.db, liveblocks.client, actorId, input.id);

		await expect(liveblocks.direct.getRoom(input.id)).rejects.toMatchObject({ status: 404 });
		expect(await audited(input.id, 'room.deleted')).toBe(1);
		expect(await database.db.room.count({ where: { id: input.id } })).toBe(0);
	});
});

it('deletes a room that Liveblocks answers slowly (over the 5 s a transaction may last)', async () => {
	const input = newRoom();
	await createRoom(database.db, liveblocks.direct, actorId, input);
	liveblocks.proxy.slowDown(6_000);

	await deleteRoom(database.db, liveblocks.client, actorId, input.id);

	await expect(liveblocks.direct.getRoom(input.id)).rejects.toMatchObject({ status: 404 });
	expect(await audited(input.id, 'room.deleted')).toBe(1);
	expect(await database.db.room.count({ where: { id: input.id } })).toBe(0);
}, 40_000);
