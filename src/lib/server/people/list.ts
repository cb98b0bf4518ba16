import {
	isFiltered,
	matchingCountLimit,
	type MatchingCount,
	type PeopleFilter,
	type PeopleQuery,
	type PeopleSort,
	type PersonStatus
} from '$lib/people-query';
import { sortByName } from '$lib/natural-sort';
import type { Role } from '$lib/roles';
import { decodeCursor, decodeInstant, encodeCursor } from '../keyset-cursor';
import { Prisma } from '../prisma/client';
import type { DbOrTx } from '../transaction';
import { peopleFilterSql } from './filter';

export type PersonRow = {
	id: string;
	name: string;
	email: string;
	role: Role;
	status: PersonStatus;
	createdAt: Date;
	/** By name. */
	groups: { id: string; name: string }[];
};

/** A row as the page query reads it: with the key the name order pages by (decision 036). */
type ListedRow = PersonRow & { nameSortKey: string };

export type PeoplePage = {
	people: PersonRow[];
	/** Cursors for the pages after and before this one; null where there is none. */
	next: string | null;
	previous: string | null;
	hasMore: boolean;
};

/**
 * The list page's data: how many people match, then one page of them. Counting first lets the
 * page query pick its plan from the real number of matches (see listPeople).
 */
export async function listPeopleWithCount(
	db: DbOrTx,
	query: PeopleQuery
): Promise<PeoplePage & { matching: MatchingCount }> {
	const matching = await countPeople(db, query);
	return { ...(await listPeople(db, query, matching.more ? undefined : matching.count)), matching };
}

/**
 * How many people the filter selects: the "N" of "all N matching". Everyone, and a group alone,
 * are counted exactly; any other filter up to matchingCountLimit, so a count never joins or
 * rechecks more than that many rows (docs/decisions/023-people-list-outliers.md).
 */
export async function countPeople(db: DbOrTx, filter: PeopleFilter): Promise<MatchingCount> {
	// A group alone: its memberships are the answer, each naming one existing person (primary and
	// foreign keys), counted on the (groupId, personId) index instead of joining thousands of people.
	if (filter.group && !filter.q && !filter.role && !filter.status) {
		return { count: await db.groupMembership.count({ where: { groupId: filter.group } }), more: false };
	}
	if (!isFiltered(filter)) {
		const [row] = await db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM "Person"`;
		return { count: row?.count ?? 0, more: false };
	}
	const [row] = await db.$queryRaw<{ count: number }[]>`
		SELECT count(*)::int AS count
		FROM (SELECT FROM "Person" WHERE ${peopleFilterSql(filter)} LIMIT ${matchingCountLimit + 1}) AS counted`;
	const count = row?.count ?? 0;
	return count > matchingCountLimit ? { count: matchingCountLimit, more: true } : { count, more: false };
}

/**
 * A search with up to this many matches has them fetched whole and sorted, rather than found by
 * walking the sort index. PostgreSQL cannot estimate how many people a substring matches (its
 * guess for one matching 0.2% swings between 0.02% and 2% from one ANALYZE to the next), and a
 * high guess walks the name index testing tens of thousands of rows: 35 ms instead of 2 at
 * 100,000 people. With the real count known, few matches come from the trigram indexes in a
 * millisecond or two, and many are dense enough that the walk finds a page within a few
 * thousand rows. (Without a search, the estimates are good and the planner chooses well.)
 */
const fewMatches = 1000;

const personColumns = Prisma.raw('"id", "name", "nameSortKey", "email", "role", "status", "createdAt"');

// Every sort ends with the id, so the order is total and each keyset index is (column, id).
const sortColumns: Record<PeopleSort, Prisma.Sql> = {
	name: Prisma.raw('"nameSortKey"'),
	email: Prisma.raw('"email"'),
	created: Prisma.raw('"createdAt"')
};

/**
 * One page of the people list by keyset: the rows after (or before) the cursor's row in the
 * chosen order, never an OFFSET, so the 2,000th page costs what the first does. A cursor that
 * does not decode starts from the beginning. Pass `matching` (countPeople of the same filter)
 * when it is known exactly: it picks the faster plan and skips the query when nobody matches.
 */
export async function listPeople(db: DbOrTx, query: PeopleQuery, matching?: number): Promise<PeoplePage> {
	if (matching === 0) return pageOf([], { next: undefined, previous: undefined, sort: query.sort });
	const backward = query.before !== null;
	const cursor = keyOf(query.sort, decodeCursor(query.before ?? query.after, 2));

	// Reading backward walks the order the other way, then the page is put back in order.
	const ascending = (query.dir === 'asc') !== (backward && cursor !== null);
	const column = sortColumns[query.sort];
	const order = Prisma.raw(ascending ? 'ASC' : 'DESC');
	const keyset = cursor
		? Prisma.sql`AND (${column}, "id") ${Prisma.raw(ascending ? '>' : '<')} (${cursor.value}, ${cursor.id})`
		: Prisma.empty;
	const orderBy = Prisma.sql`ORDER BY ${column} ${order}, "id" ${order}`;
	const limit = query.size + 1;
	const filter = peopleFilterSql(query);

	// MATERIALIZED keeps the planner from pushing the order into the scan of the matches.
	const page =
		query.q && matching !== undefined && matching <= fewMatches
			? Prisma.sql`
				matches AS MATERIALIZED (SELECT ${personColumns} FROM "Person" WHERE ${filter}),
				page AS (SELECT * FROM matches WHERE TRUE ${keyset} ${orderBy} LIMIT ${limit})`
			: Prisma.sql`
				page AS (SELECT ${personColumns} FROM "Person" WHERE ${filter} ${keyset} ${orderBy} LIMIT ${limit})`;
	// The page is cut first and only its rows get their groups.
	const rows = await db.$queryRaw<ListedRow[]>`
		WITH ${page}
		SELECT page.*, COALESCE(
			(SELECT json_agg(json_build_object('id', g."id", 'name', g."name"))
			FROM "GroupMembership" m JOIN "Group" g ON g."id" = m."groupId"
			WHERE m."personId" = page."id"),
			'[]'
		) AS "groups"
		FROM page
		${orderBy}`;
	const more = rows.length > query.size;
	// A person's groups by name as people sort them (the aggregate is in no particular order).
	const people = rows.slice(0, query.size).map((row) => ({ ...row, groups: sortByName(row.groups) }));

	if (!(backward && cursor)) {
		return pageOf(people, {
			next: more ? people.at(-1) : undefined,
			previous: cursor ? people[0] : undefined,
			sort: query.sort
		});
	}
	// Fewer than a page before the cursor means it is the first page: show it whole.
	if (people.length < query.size) return listPeople(db, { ...query, before: null, after: null }, matching);
	people.reverse();
	return pageOf(people, { next: people.at(-1), previous: more ? people[0] : undefined, sort: query.sort });
}

/** A decoded cursor's sort value as SQL, or null when it cannot be one for this sort. */
function keyOf(sort: PeopleSort, key: string[] | null): { value: Prisma.Sql; id: string } | null {
	if (!key) return null;
	const [value, id] = key as [string, string];
	if (sort !== 'created') return { value: Prisma.sql`${value}`, id };
	// createdAt is a UTC timestamp without zone, as Prisma stores it; the cursor holds its ISO form.
	const instant = decodeInstant(value);
	if (!instant) return null;
	return { value: Prisma.sql`${instant.toISOString()}::timestamptz AT TIME ZONE 'UTC'`, id };
}

function sortValue(row: ListedRow, sort: PeopleSort): string {
	if (sort === 'created') return row.createdAt.toISOString();
	return sort === 'name' ? row.nameSortKey : row.email;
}

function pageOf(
	rows: ListedRow[],
	edges: { next: ListedRow | undefined; previous: ListedRow | undefined; sort: PeopleSort }
): PeoplePage {
	const cursorOf = (row: ListedRow | undefined) =>
		row ? encodeCursor([sortValue(row, edges.sort), row.id]) : null;
	const next = cursorOf(edges.next);
	const people = rows.map(({ nameSortKey: _sortKey, ...person }) => person);
	return { people, next, previous: cursorOf(edges.previous), hasMore: next !== null };
}
