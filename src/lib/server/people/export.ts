import type { PeopleQuery, PeopleSort } from '$lib/people-query';
import type { ExportedPerson } from '$lib/people-csv';
import { Prisma } from '../prisma/client';
import type { DbOrTx } from '../transaction';
import { peopleFilterSql } from './filter';

type ExportRow = ExportedPerson & { id: string };

const sortColumns: Record<PeopleSort, Prisma.Sql> = {
	name: Prisma.raw('"name"'),
	email: Prisma.raw('"email"'),
	created: Prisma.raw('"createdAt"')
};

/**
 * Everyone the list's filter selects, in the list's order, a batch at a time: keyset paging on
 * the (sort column, id) indexes, so 100,000 people never sit in memory together and the last
 * batch costs what the first does. Each batch is its own query, so people added or changed while
 * a long export runs may or may not be in it, as with paging through the list.
 */
export async function* peopleForExport(
	db: DbOrTx,
	query: Pick<PeopleQuery, 'q' | 'role' | 'status' | 'group' | 'sort' | 'dir'>,
	batchSize = 1_000
): AsyncGenerator<ExportedPerson[]> {
	const column = sortColumns[query.sort];
	const order = Prisma.raw(query.dir === 'asc' ? 'ASC' : 'DESC');
	const beyond = Prisma.raw(query.dir === 'asc' ? '>' : '<');
	let last: ExportRow | undefined;
	for (;;) {
		const keyset = last
			? Prisma.sql`AND (${column}, "id") ${beyond} (${sortValue(last, query.sort)}, ${last.id})`
			: Prisma.empty;
		const batch: ExportRow[] = await db.$queryRaw`
			SELECT "id", "email", "name", "role"::text AS "role", "status"::text AS "status",
				"avatarUrl", "color", "createdAt",
				ARRAY(SELECT m."groupId" FROM "GroupMembership" m WHERE m."personId" = "Person"."id" ORDER BY 1)
					AS "groups"
			FROM "Person"
			WHERE ${peopleFilterSql(query)} ${keyset}
			ORDER BY ${column} ${order}, "id" ${order}
			LIMIT ${batchSize}`;
		if (batch.length > 0) yield batch;
		if (batch.length < batchSize) return;
		last = batch.at(-1);
	}
}

function sortValue(row: ExportRow, sort: PeopleSort): Prisma.Sql {
	// createdAt is a UTC timestamp without zone, as Prisma stores it.
	if (sort === 'created') return Prisma.sql`${row.createdAt.toISOString()}::timestamptz AT TIME ZONE 'UTC'`;
	return Prisma.sql`${row[sort]}`;
}
