import type { Transaction } from '../transaction';

/**
 * Rooms in the index whose access names this group (a key of groupsAccesses), by id: what a
 * group's deletion leaves behind. As current as the index (docs/decisions/004).
 */
export async function roomsReferencingGroup(db: Transaction, groupId: string): Promise<string[]> {
	const rows = await db.$queryRaw<{ id: string }[]>`
		SELECT "id" FROM "Room" WHERE "groupsAccesses" ? ${groupId} ORDER BY "id"`;
	return rows.map((row) => row.id);
}
