import type { DbOrTx, Tx } from '../transaction';
import { queueBulkJob } from './bulk/create';

export type EntryOwner = { kind: 'group' | 'user'; id: string };

/**
 * Rooms in the index whose access names this group or person (a key of groupsAccesses or
 * usersAccesses, whatever the list), by id: what a deletion leaves behind. As current as the index
 * (docs/decisions/004).
 */
export async function roomsReferencing(db: DbOrTx, owner: EntryOwner): Promise<string[]> {
	const rows =
		owner.kind === 'group'
			? await db.$queryRaw<{ id: string }[]>`
				SELECT "id" FROM "Room" WHERE "groupsAccesses" ? ${owner.id} ORDER BY "id"`
			: await db.$queryRaw<{ id: string }[]>`
				SELECT "id" FROM "Room" WHERE "usersAccesses" ? ${owner.id} ORDER BY "id"`;
	return rows.map((row) => row.id);
}

/**
 * Queues a bulk job that removes the group's or person's entry from every room naming it, inside
 * the caller's transaction (the deletion's, so both happen or neither); null when no room does.
 */
export async function queueEntryRemoval(tx: Tx, actorId: string, owner: EntryOwner): Promise<string | null> {
	const roomIds = await roomsReferencing(tx, owner);
	if (roomIds.length === 0) return null;
	const what = owner.kind === 'group' ? `group ${owner.id}` : `person ${owner.id}`;
	return queueBulkJob(tx, actorId, {
		roomIds,
		change:
			owner.kind === 'group'
				? { kind: 'remove-group', groupId: owner.id }
				: { kind: 'remove-user', userId: owner.id },
		selection: `every room that named the deleted ${what}`
	});
}
