import { decodeCursor, encodeCursor, likePattern } from '../keyset-cursor';
import { Prisma } from '../prisma/client';
import type { DbOrTx } from '../transaction';

export type GroupSummary = { id: string; name: string; description: string; memberCount: number };

export type GroupPage = { groups: GroupSummary[]; next: string | null };

/**
 * One page of groups by name, optionally only those whose id or name contains `search`
 * (case-insensitive). Member counts come from the same query, counted per group on the
 * (groupId) index, so a page costs the same with 20 groups or 20,000.
 */
export async function listGroups(
	db: DbOrTx,
	options: { search?: string; after?: string | null; limit?: number } = {}
): Promise<GroupPage> {
	const limit = options.limit ?? 50;
	const search = options.search?.trim();
	const after = decodeCursor(options.after, 2);
	const matches = search
		? Prisma.sql`AND (g.id ILIKE ${likePattern(search)} OR g.name ILIKE ${likePattern(search)})`
		: Prisma.empty;
	const afterKey = after
		? Prisma.sql`AND (g."nameSortKey", g.id) > (${after[0]}, ${after[1]})`
		: Prisma.empty;
	const rows = await db.$queryRaw<(GroupSummary & { nameSortKey: string })[]>`
		SELECT g.id, g.name, g."nameSortKey", g.description,
			(SELECT count(*)::int FROM "GroupMembership" m WHERE m."groupId" = g.id) AS "memberCount"
		FROM "Group" g
		WHERE true ${matches} ${afterKey}
		ORDER BY g."nameSortKey", g.id
		LIMIT ${limit + 1}`;
	const groups = rows.slice(0, limit).map(({ nameSortKey: _sortKey, ...group }) => group);
	const last = rows[limit - 1];
	return { groups, next: rows.length > limit && last ? encodeCursor([last.nameSortKey, last.id]) : null };
}
