import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveEffectiveAccess, type RoomAccesses } from '$lib/access';
import { validScopes } from '$lib/access/arbitraries';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import type { DbOrTx } from '../transaction';
import {
	countRoomsPersonCanEnter,
	listRoomsOfGroup,
	listRoomsPersonCanEnter,
	type TokenHolder
} from './enterable';

const database = useMigratedDatabase('enterable');

/** Writes a room into the index the way the mirror does, under a fresh id with a shared tag. */
async function indexRoom(db: DbOrTx, id: string, accesses: RoomAccesses) {
	await db.room.upsert({
		where: { id },
		create: { id, organizationId: '', createdAt: new Date(), searchText: id, ...accesses },
		update: accesses
	});
}

async function allRoomsPersonCanEnter(person: TokenHolder, search: string) {
	const ids: string[] = [];
	let after: string | null = null;
	do {
		const page = await listRoomsPersonCanEnter(database.db, person, { search, after, limit: 3 });
		ids.push(...page.rooms.map((room) => room.id));
		after = page.next;
	} while (after);
	return ids;
}

// Ids the directory can hold (group slugs, person cuids), from a small pool so rooms share entries.
const entryId = fc.constantFrom('ana', 'ben', 'design', 'ops');
const room: fc.Arbitrary<RoomAccesses> = fc.record({
	defaultAccesses: fc.oneof(fc.constant<string[]>([]), validScopes),
	groupsAccesses: fc.dictionary(entryId, fc.oneof(fc.constant<string[]>([]), validScopes)),
	usersAccesses: fc.dictionary(entryId, fc.oneof(fc.constant<string[]>([]), validScopes))
});
const holder = fc.record({ userId: entryId, groupIds: fc.uniqueArray(entryId) });

describe('rooms a person can enter', () => {
	it('are exactly the indexed rooms the resolver lets them connect to, through every write of a room', async () => {
		await fc.assert(
			fc.asyncProperty(
				fc.array(fc.tuple(room, fc.option(room)), { minLength: 1, maxLength: 8 }),
				fc.array(holder, { minLength: 1, maxLength: 4 }),
				async (rooms, people) => {
					const tag = `t${randomUUID().slice(0, 8)}`;
					const final = new Map<string, RoomAccesses>();
					for (const [index, [created, updated]] of rooms.entries()) {
						const id = `${tag}-${String(index).padStart(2, '0')}`;
						await indexRoom(database.db, id, created);
						// A later mirror of the same room (a save, a sync) must re-derive its grants.
						if (updated) await indexRoom(database.db, id, updated);
						final.set(id, updated ?? created);
					}
					for (const person of people) {
						const expected = [...final]
							.filter(([, accesses]) => resolveEffectiveAccess(accesses, person).canConnect)
							.map(([id]) => id);
						expect(await allRoomsPersonCanEnter(person, tag)).toEqual(expected);
						expect(await countRoomsPersonCanEnter(database.db, person, { search: tag })).toBe(
							expected.length
						);
					}
				}
			),
			{ numRuns: 40 }
		);
	});

	it('each carry the access the resolver gives, with the rule that decided it', async () => {
		const id = `design-review-${randomUUID().slice(0, 8)}`;
		const accesses = {
			defaultAccesses: ['*:read'],
			groupsAccesses: { designers: ['*:write', 'comments:read'] },
			usersAccesses: {}
		};
		await indexRoom(database.db, id, accesses);
		const mia = { userId: 'mia', groupIds: ['designers'] };
		const [room] = (await listRoomsPersonCanEnter(database.db, mia, { search: id })).rooms;
		expect(room?.access).toEqual(resolveEffectiveAccess(accesses, mia));
		expect(room?.access.decidedBy.storage).toEqual({ kind: 'group', groupId: 'designers' });
	});

	it('are gone once the room leaves the index', async () => {
		const id = `gone-${randomUUID().slice(0, 8)}`;
		await indexRoom(database.db, id, { defaultAccesses: ['*:write'], groupsAccesses: {}, usersAccesses: {} });
		await database.db.room.delete({ where: { id } });
		expect(await countRoomsPersonCanEnter(database.db, { userId: 'x', groupIds: [] }, { search: id })).toBe(
			0
		);
		expect(await database.db.roomGrant.count({ where: { roomId: id } })).toBe(0);
	});
});

describe('rooms of a group', () => {
	it('are the rooms whose entry for the group grants a base level, with that entry as a row', async () => {
		const group = `g${randomUUID().slice(0, 8)}`;
		const named = `${group}-named`;
		await indexRoom(database.db, named, {
			defaultAccesses: [],
			groupsAccesses: { [group]: ['room:read', 'storage:write'] },
			usersAccesses: {}
		});
		await indexRoom(database.db, `${group}-empty-entry`, {
			defaultAccesses: ['*:write'],
			groupsAccesses: { [group]: [] },
			usersAccesses: {}
		});
		const page = await listRoomsOfGroup(database.db, group);
		expect(page.rooms.map((room) => room.id)).toEqual([named]);
		expect(page.rooms[0]?.row).toMatchObject({ room: 'read', storage: 'write', comments: 'inherit' });
	});
});
