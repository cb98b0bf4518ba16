import { decodeCursor, encodeCursor } from '../keyset-cursor';
import type { DbOrTx } from '../transaction';

export type GroupMember = { id: string; name: string; email: string; status: 'active' | 'deactivated' };

/** A group with how many members it has, or null. */
export async function findGroup(db: DbOrTx, id: string) {
	const group = await db.group.findUnique({
		where: { id },
		select: { id: true, name: true, description: true, _count: { select: { memberships: true } } }
	});
	if (!group) return null;
	const { _count, ...rest } = group;
	return { ...rest, memberCount: _count.memberships };
}

/** One page of a group's members by name: groups may hold thousands of people. */
export async function listMembers(
	db: DbOrTx,
	groupId: string,
	options: { after?: string | null; limit?: number } = {}
): Promise<{ members: GroupMember[]; next: string | null }> {
	const limit = options.limit ?? 100;
	const after = decodeCursor(options.after, 2);
	const rows = await db.person.findMany({
		where: {
			memberships: { some: { groupId } },
			...(after && {
				OR: [{ nameSortKey: { gt: after[0] } }, { nameSortKey: after[0], id: { gt: after[1] } }]
			})
		},
		select: { id: true, name: true, nameSortKey: true, email: true, status: true },
		orderBy: [{ nameSortKey: 'asc' }, { id: 'asc' }],
		take: limit + 1
	});
	const members = rows.slice(0, limit).map(({ nameSortKey: _sortKey, ...member }) => member);
	const last = rows[limit - 1];
	return { members, next: rows.length > limit && last ? encodeCursor([last.nameSortKey, last.id]) : null };
}
