import { randomUUID } from 'node:crypto';
import { Liveblocks, type CreateRoomOptions } from '@liveblocks/node';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { withFailingTransactions } from '../../../../scripts/testing/injected-failures';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../../../../scripts/services/liveblocks-dev-server';
import type { RoomAccesses } from '$lib/access';
import { accessesOf, openRoom, saveRoomAccess, SaveNotRecorded } from './access';
import { LiveblocksUnavailable, RoomNotFound } from '../liveblocks';

const database = useMigratedDatabase('room_access');
let liveblocks: Liveblocks;
beforeAll(() => {
	liveblocks = new Liveblocks({ secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl: inject('liveblocksBaseUrl') });
});

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/**
 * The real client behind a proxy that counts each method called (and can run something just
 * before one is forwarded): counting what is sent, not standing in for Liveblocks.
 */
function observed(client: Liveblocks, before: Partial<Record<keyof Liveblocks, () => Promise<void>>> = {}) {
	const calls: Record<string, number> = {};
	const proxy = new Proxy(client, {
		get(target, property) {
			const value: unknown = Reflect.get(target, property, target);
			if (typeof value !== 'function' || typeof property !== 'string') return value;
			return async (...args: unknown[]) => {
				calls[property] = (calls[property] ?? 0) + 1;
				await before[property as keyof Liveblocks]?.();
				return value.apply(target, args);
			};
		}
	});
	return { client: proxy, calls };
}

async function actor() {
	const person = await database.db.person.create({
		data: { email: `${unique('admin')}@example.com`, name: 'Admin', role: 'admin' }
	});
	return person.id;
}

async function roomWith(accesses: CreateRoomOptions) {
	const id = unique('access');
	await liveblocks.createRoom(id, accesses);
	return id;
}

const auditsOf = (roomId: string) =>
	database.db.auditEvent.findMany({ where: { targetType: 'room', targetId: roomId } });

describe('saveRoomAccess against the dev server', () => {
	it('adds a group entry and changes the default with one updateRoom, mirrored and audited', async () => {
		const roomId = await roomWith({
			defaultAccesses: ['room:read'],
			usersAccesses: { alice: ['room:write'] }
		});
		const actorId = await actor();
		const loaded = accessesOf(await openRoom(database.db, liveblocks, roomId));
		expect(loaded).toEqual({
			defaultAccesses: ['room:read'],
			groupsAccesses: {},
			usersAccesses: { alice: ['room:write'] }
		});
		const edited: RoomAccesses = {
			...loaded,
			defaultAccesses: ['*:read', 'comments:write'],
			groupsAccesses: { editors: ['*:write', 'comments:read'] }
		};
		const { client, calls } = observed(liveblocks);

		const result = await saveRoomAccess(database.db, client, actorId, roomId, { loaded, edited });

		expect(result).toMatchObject({
			outcome: 'saved',
			payload: {
				defaultAccesses: ['*:read', 'comments:write'],
				groupsAccesses: { editors: ['*:write', 'comments:read'] }
			}
		});
		expect(result.outcome === 'saved' && 'usersAccesses' in result.payload).toBe(false);
		expect(calls.updateRoom).toBe(1);
		expect(accessesOf(await liveblocks.getRoom(roomId))).toEqual(edited);
		expect(await database.db.room.findUniqueOrThrow({ where: { id: roomId } })).toMatchObject(edited);
		const audits = await auditsOf(roomId);
		expect(audits).toHaveLength(1);
		expect(audits[0]).toMatchObject({
			actorId,
			action: 'room.access-updated',
			before: loaded,
			after: edited
		});
	});

	it('removes a user entry by sending null for it', async () => {
		const roomId = await roomWith({
			defaultAccesses: [],
			usersAccesses: { alice: ['room:write'], bob: ['room:read'] }
		});
		const loaded = accessesOf(await openRoom(database.db, liveblocks, roomId));
		const edited: RoomAccesses = { ...loaded, usersAccesses: { alice: ['room:write'] } };
		const { client, calls } = observed(liveblocks);

		const result = await saveRoomAccess(database.db, client, await actor(), roomId, { loaded, edited });

		expect(result).toMatchObject({ outcome: 'saved', payload: { usersAccesses: { bob: null } } });
		expect(calls.updateRoom).toBe(1);
		expect((await liveblocks.getRoom(roomId)).usersAccesses).toEqual({ alice: ['room:write'] });
		expect(await auditsOf(roomId)).toMatchObject([
			{
				before: { usersAccesses: { bob: ['room:read'] } },
				after: { usersAccesses: { alice: ['room:write'] } }
			}
		]);
	});

	it('sends nothing and records nothing when only the order of scopes and entries changed', async () => {
		const roomId = await roomWith({
			defaultAccesses: ['room:read', 'comments:write'],
			groupsAccesses: { editors: ['room:write', 'storage:read'], viewers: ['room:read'] }
		});
		const loaded = accessesOf(await openRoom(database.db, liveblocks, roomId));
		const edited: RoomAccesses = {
			defaultAccesses: ['comments:write', 'room:read'],
			groupsAccesses: { viewers: ['room:read'], editors: ['storage:read', 'room:write'] },
			usersAccesses: {}
		};
		const { client, calls } = observed(liveblocks);

		const result = await saveRoomAccess(database.db, client, await actor(), roomId, { loaded, edited });

		expect(result).toEqual({ outcome: 'unchanged' });
		expect(calls.updateRoom).toBeUndefined();
		expect(await auditsOf(roomId)).toEqual([]);
	});

	it('refuses with the current accesses when the room changed after the editor loaded it', async () => {
		const roomId = await roomWith({ defaultAccesses: ['room:read'] });
		const loaded = accessesOf(await openRoom(database.db, liveblocks, roomId));
		// Another admin saves first.
		await liveblocks.updateRoom(roomId, { usersAccesses: { carol: ['room:write'] } });
		const theirs = accessesOf(await liveblocks.getRoom(roomId));
		const edited: RoomAccesses = { ...loaded, defaultAccesses: ['room:write'] };
		const { client, calls } = observed(liveblocks);

		const result = await saveRoomAccess(database.db, client, await actor(), roomId, { loaded, edited });

		expect(result).toEqual({
			outcome: 'conflict',
			current: {
				defaultAccesses: ['room:read'],
				groupsAccesses: {},
				usersAccesses: { carol: ['room:write'] }
			}
		});
		expect(calls.updateRoom).toBeUndefined();
		expect(accessesOf(await liveblocks.getRoom(roomId))).toEqual(theirs);
		expect(await auditsOf(roomId)).toEqual([]);
		// The index catches up with what the conflict showed.
		expect(await database.db.room.findUniqueOrThrow({ where: { id: roomId } })).toMatchObject(theirs);
	});

	it('does not see a conflict when the loaded accesses differ from the room only in order', async () => {
		const roomId = await roomWith({
			defaultAccesses: ['room:read', 'comments:write'],
			groupsAccesses: { editors: ['room:write'], viewers: ['room:read', 'storage:none'] }
		});
		const loaded: RoomAccesses = {
			defaultAccesses: ['comments:write', 'room:read'],
			groupsAccesses: { viewers: ['storage:none', 'room:read'], editors: ['room:write'] },
			usersAccesses: {}
		};
		const edited: RoomAccesses = { ...loaded, usersAccesses: { dave: ['room:write'] } };
		const { client, calls } = observed(liveblocks);

		const result = await saveRoomAccess(database.db, client, await actor(), roomId, { loaded, edited });

		expect(result).toMatchObject({ outcome: 'saved', payload: { usersAccesses: { dave: ['room:write'] } } });
		expect(calls.updateRoom).toBe(1);
		expect((await liveblocks.getRoom(roomId)).usersAccesses).toEqual({ dave: ['room:write'] });
	});

	it('returns the problems of invalid accesses and sends nothing at all', async () => {
		const roomId = await roomWith({ defaultAccesses: ['room:read'] });
		const loaded = accessesOf(await openRoom(database.db, liveblocks, roomId));
		const edited: RoomAccesses = { ...loaded, defaultAccesses: ['*:read', '*:write'] };
		const { client, calls } = observed(liveblocks);

		const result = await saveRoomAccess(database.db, client, await actor(), roomId, { loaded, edited });

		expect(result).toMatchObject({
			outcome: 'invalid',
			problems: [{ field: 'defaultAccesses', rule: 'one-base-scope' }]
		});
		expect(calls).toEqual({});
		expect(accessesOf(await liveblocks.getRoom(roomId))).toEqual(loaded);
		expect(await auditsOf(roomId)).toEqual([]);
	});

	it('writes nothing when updateRoom fails: a room deleted between the re-read and the update', async () => {
		const roomId = await roomWith({ defaultAccesses: ['room:read'] });
		const loaded = accessesOf(await openRoom(database.db, liveblocks, roomId));
		const edited: RoomAccesses = { ...loaded, defaultAccesses: ['room:write'] };
		const { client, calls } = observed(liveblocks, { updateRoom: () => liveblocks.deleteRoom(roomId) });

		await expect(
			saveRoomAccess(database.db, client, await actor(), roomId, { loaded, edited })
		).rejects.toBeInstanceOf(RoomNotFound);

		expect(calls.updateRoom).toBe(1);
		// The index keeps what opening the room mirrored, not the edit that failed.
		expect(await database.db.room.findUnique({ where: { id: roomId } })).toMatchObject({
			defaultAccesses: ['room:read']
		});
		expect(await auditsOf(roomId)).toEqual([]);
	});
});

describe('saveRoomAccess when the database fails after Liveblocks accepted the save', () => {
	it('undoes the change in Liveblocks and records nothing', async () => {
		const roomId = await roomWith({ defaultAccesses: ['room:read'], usersAccesses: { ana: ['room:write'] } });
		const loaded = accessesOf(await openRoom(database.db, liveblocks, roomId));
		const edited: RoomAccesses = {
			...loaded,
			defaultAccesses: ['*:write'],
			usersAccesses: { ben: ['*:read'] }
		};
		const { client, calls } = observed(liveblocks);

		const error = await saveRoomAccess(withFailingTransactions(database.db), client, await actor(), roomId, {
			loaded,
			edited
		}).catch((thrown: unknown) => thrown);

		expect(error).toBeInstanceOf(SaveNotRecorded);
		expect(error).toMatchObject({ undone: true });
		expect(calls.updateRoom).toBe(2);
		expect(accessesOf(await liveblocks.getRoom(roomId))).toEqual(loaded);
		expect(await auditsOf(roomId)).toEqual([]);
	});

	it('says so when the undo fails too', async () => {
		const roomId = await roomWith({ defaultAccesses: ['room:read'] });
		const loaded = accessesOf(await openRoom(database.db, liveblocks, roomId));
		let updates = 0;
		const { client } = observed(liveblocks, {
			updateRoom: async () => {
				updates += 1;
				if (updates === 2) throw new Error('injected: Liveblocks went away');
			}
		});

		const error = await saveRoomAccess(withFailingTransactions(database.db), client, await actor(), roomId, {
			loaded,
			edited: { ...loaded, defaultAccesses: ['*:write'] }
		}).catch((thrown: unknown) => thrown);

		expect(error).toMatchObject({
			undone: false,
			message: expect.stringContaining('could neither record nor undo')
		});
		expect((await liveblocks.getRoom(roomId)).defaultAccesses).toEqual(['*:write']);
	});
});

describe('openRoom', () => {
	it('refreshes the room in the index with what Liveblocks has', async () => {
		const roomId = await roomWith({ defaultAccesses: ['room:read'] });
		await liveblocks.updateRoom(roomId, { groupsAccesses: { design: ['room:write'] } });

		await openRoom(database.db, liveblocks, roomId);

		expect(await database.db.room.findUnique({ where: { id: roomId } })).toMatchObject({
			defaultAccesses: ['room:read'],
			groupsAccesses: { design: ['room:write'] }
		});
	});

	it('is RoomNotFound for a room Liveblocks does not have', async () => {
		await expect(openRoom(database.db, liveblocks, unique('missing'))).rejects.toBeInstanceOf(RoomNotFound);
	});

	it('is LiveblocksUnavailable, without a status, when Liveblocks cannot be reached', async () => {
		const unreachable = new Liveblocks({ secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl: 'http://127.0.0.1:9' });

		const error: unknown = await openRoom(database.db, unreachable, unique('any')).catch(
			(thrown: unknown) => thrown
		);

		expect(error).toBeInstanceOf(LiveblocksUnavailable);
		expect(error).toMatchObject({ status: undefined });
	});
});
