import { isShortSearch, type PeopleFilter } from '$lib/people-query';
import { likeEscape, likePattern } from '../keyset-cursor';
import { Prisma } from '../prisma/client';

/**
 * The SQL condition for the people a filter selects: the one definition of "matching" for the
 * list, its count, bulk actions on "all N matching" and the CSV export. It names the table
 * `"Person"`, so use it in a query over `"Person"` without an alias:
 *
 *     const filter = parsePeopleQuery(url.searchParams);
 *     await db.$queryRaw`SELECT id, email FROM "Person" WHERE ${peopleFilterSql(filter)} ORDER BY id`;
 *
 * The search is served by the trigram indexes on name and email (a short search's word starts
 * too: pg_trgm indexes each word's first one and two letters), the group by EXISTS on the
 * (groupId, personId) index of GroupMembership.
 */
export function peopleFilterSql(filter: PeopleFilter): Prisma.Sql {
	const conditions: Prisma.Sql[] = [];
	if (filter.q) conditions.push(searchSql(filter.q));
	if (filter.role) conditions.push(Prisma.sql`"Person"."role" = ${filter.role}::"Role"`);
	if (filter.status) conditions.push(Prisma.sql`"Person"."status" = ${filter.status}::"PersonStatus"`);
	if (filter.group) {
		conditions.push(Prisma.sql`EXISTS (
			SELECT 1 FROM "GroupMembership" m WHERE m."personId" = "Person"."id" AND m."groupId" = ${filter.group}
		)`);
	}
	return conditions.length > 0 ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;
}

// Emails are stored lower-cased (normaliseEmail), so plain LIKE finds them at half the cost.
function searchSql(q: string): Prisma.Sql {
	if (isShortSearch(q)) {
		const start = `${likeEscape(q)}%`;
		return Prisma.sql`("Person"."name" ILIKE ${start} OR "Person"."name" ILIKE ${`% ${start}`}
			OR "Person"."name" ILIKE ${`%-${start}`} OR "Person"."email" LIKE ${start.toLowerCase()})`;
	}
	return Prisma.sql`("Person"."name" ILIKE ${likePattern(q)} OR "Person"."email" LIKE ${likePattern(q.toLowerCase())})`;
}
