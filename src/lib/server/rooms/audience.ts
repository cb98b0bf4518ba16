// "People with access": who can enter a room, paged by name. The database says who is in which
// class (which of the room's groups a person is in); the access model says what each class gets.
// See docs/decisions/026-people-with-access.md.
import {
	resolveAudience,
	roomGroupIds,
	selectAudience,
	type Audience,
	type AudienceFilter,
	type AudienceSelection
} from '$lib/access/audience';
import type { RoomAccesses } from '$lib/access';
import type { AudienceRow } from '$lib/rooms/audience-query';
import { decodeCursor, encodeCursor } from '../keyset-cursor';
import { countPeople } from '../people/list';
import { peopleFilterSql } from '../people/filter';
import { Prisma } from '../prisma/client';
import type { DbOrTx } from '../transaction';

/**
 * Classes as numbers in SQL: bit i set for membership of the room's i-th group (roomGroupIds
 * order). A number needs no sorting of group ids, which would cost a sort per person and tie the
 * key to the database's collation. Up to 62 groups fit a bigint; a room naming more (rare) gets an
 * exact numeric, slower but the same answer.
 */
class ClassMask {
	private readonly wide: boolean;
	constructor(readonly roomGroups: string[]) {
		this.wide = roomGroups.length > 62;
	}

	/**
	 * An aggregate over one person's memberships in the room's groups: their mask. The sum is the
	 * bitwise or, as a person is in a group once (the primary key).
	 */
	aggregate(groupId: Prisma.Sql): Prisma.Sql {
		const position = Prisma.sql`(array_position(${this.roomGroups}::text[], ${groupId}) - 1)`;
		return this.wide
			? Prisma.sql`sum((2::numeric ^ ${position})::numeric(1000, 0))`
			: Prisma.sql`bit_or(1::bigint << ${position})`;
	}

	/** A person's mask, as text ('0' for someone in no room group). */
	of(personId: Prisma.Sql): Prisma.Sql {
		return Prisma.sql`COALESCE((
			SELECT ${this.aggregate(Prisma.sql`m."groupId"`)} FROM "GroupMembership" m
			WHERE m."personId" = ${personId} AND m."groupId" = ANY(${this.roomGroups}::text[])), 0)::text`;
	}

	groupsOf(mask: string): string[] {
		const bits = BigInt(mask);
		return this.roomGroups.filter((_, index) => ((bits >> BigInt(index)) & 1n) === 1n);
	}

	maskOf(groups: readonly string[]): string {
		return groups
			.reduce((mask, group) => mask | (1n << BigInt(this.roomGroups.indexOf(group))), 0n)
			.toString();
	}
}

/**
 * Everyone active resolved by class. Deactivated people cannot get a token, so they are nobody's
 * audience. Three queries at once: the classes of the active people in the room's groups, from the
 * memberships alone (their `(groupId, personId)` index, leaving out the few deactivated people
 * through `Person_deactivated_idx`); the directory's active count (`Person_active_idx`), of which
 * the rest are in no room group; and the own-entry people. Joining each member to the directory
 * for their status instead costs twice as much (docs/decisions/026-people-with-access.md).
 */
export async function roomAudience(db: DbOrTx, room: RoomAccesses): Promise<Audience> {
	const masks = new ClassMask(roomGroupIds(room));
	const ownIds = Object.keys(room.usersAccesses);
	type Counted = { mask: string; count: number };
	const [classes, [active], ownEntries] = await Promise.all([
		masks.roomGroups.length === 0
			? Promise.resolve([] as Counted[])
			: db.$queryRaw<Counted[]>`
				SELECT mask::text, count(*)::int AS count
				FROM (
					SELECT ${masks.aggregate(Prisma.sql`m."groupId"`)} AS mask
					FROM "GroupMembership" m
					WHERE m."groupId" = ANY(${masks.roomGroups}::text[])
						AND m."personId" NOT IN (SELECT "id" FROM "Person" WHERE "status" <> 'active')
					GROUP BY m."personId"
				) AS classes
				GROUP BY mask`,
		db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM "Person" WHERE "status" = 'active'`,
		ownIds.length === 0
			? Promise.resolve([] as { id: string; mask: string }[])
			: db.$queryRaw<{ id: string; mask: string }[]>`
				SELECT "id", ${masks.of(Prisma.sql`"Person"."id"`)} AS mask
				FROM "Person" WHERE "status" = 'active' AND "id" = ANY(${ownIds}::text[])`
	]);
	const inGroups = classes.reduce((sum, { count }) => sum + count, 0);
	return resolveAudience(room, {
		classes: classes.map(({ mask, count }) => ({ groups: masks.groupsOf(mask), count })),
		defaultCount: (active?.count ?? 0) - inGroups,
		ownEntries: ownEntries.map(({ id, mask }) => ({ id, groups: masks.groupsOf(mask) }))
	});
}

export type AudiencePage = { people: AudienceRow[]; next: string | null };

export type AudiencePageQuery = AudienceFilter & {
	/** As on the people list: part of the name or email (short searches find word starts). */
	q: string;
	size: number;
	after: string | null;
};

/**
 * Which rows the page query starts from. Testing a row costs a look-up of its class, so the query
 * should test as few as it can: walking the name index tests about size × people / listed rows,
 * starting from the members of the listed classes' groups tests those members, and a search with
 * few matches tests only them. PostgreSQL cannot tell which is cheaper (it cannot know how many
 * rows a class test passes), so the counts the audience already has decide.
 */
async function startingRows(
	db: DbOrTx,
	audience: Audience,
	selection: AudienceSelection,
	query: AudiencePageQuery
): Promise<{ from: Prisma.Sql; with: Prisma.Sql }> {
	const filter = peopleFilterSql({ q: query.q, role: null, status: 'active', group: null });
	const walk = { from: Prisma.sql`"Person"`, with: Prisma.empty };
	if (query.q) {
		const matching = await countPeople(db, { q: query.q, role: null, status: 'active', group: null });
		// Up to matchingCountLimit matches are fetched whole, as the people list does (people/list.ts).
		// They stand in for "Person", so the class look-up and the keyset read the same.
		if (!matching.more)
			return {
				from: Prisma.sql`matches AS "Person"`,
				with: Prisma.sql`WITH matches AS MATERIALIZED (SELECT "id", "name", "nameSortKey", "email", "status" FROM "Person" WHERE ${filter})`
			};
	}
	// Everyone in the default class (no room group) is listed: only a walk finds them.
	if (selection.classes.some(({ groups }) => groups.length === 0)) return walk;
	const groups = smallestGroups(audience, selection);
	const tested = groups.members + selection.ownEntryIds.length;
	const walked = ((query.size + 1) * audience.people) / Math.max(selection.count, 1);
	if (tested >= walked) return walk;
	return {
		from: Prisma.sql`candidates JOIN "Person" ON "Person"."id" = candidates."id"`,
		with: Prisma.sql`WITH candidates AS MATERIALIZED (
			SELECT "personId" AS "id" FROM "GroupMembership" WHERE "groupId" = ANY(${groups.ids}::text[])
			UNION SELECT unnest(${selection.ownEntryIds}::text[]))`
	};
}

/**
 * Everyone in a class is in each of its groups, so the members of its smallest group include
 * them all: those groups, and how many members they have in all (active, own entries aside).
 */
function smallestGroups(audience: Audience, selection: AudienceSelection) {
	const size = new Map<string, number>();
	for (const { groups, count } of audience.classes) {
		for (const group of groups) size.set(group, (size.get(group) ?? 0) + count);
	}
	const ids = new Set<string>();
	for (const { groups } of selection.classes) {
		ids.add(groups.reduce((smallest, group) => (size.get(group)! < size.get(smallest)! ? group : smallest)));
	}
	return { ids: [...ids], members: [...ids].reduce((sum, id) => sum + size.get(id)!, 0) };
}

/**
 * One page of the people `selection` lists, by name, after the cursor's row: each row's class is
 * looked up on the memberships' primary key and tested against the listed classes' masks, and the
 * page is cut by keyset, so a page costs about the same at any depth.
 */
export async function listAudience(
	db: DbOrTx,
	room: RoomAccesses,
	audience: Audience,
	selection: AudienceSelection,
	query: AudiencePageQuery
): Promise<AudiencePage> {
	if (selection.count === 0) return { people: [], next: null };
	const masks = new ClassMask(roomGroupIds(room));
	const cursor = decodeCursor(query.after, 2);
	const keyset = cursor
		? Prisma.sql`AND ("Person"."nameSortKey", "Person"."id") > (${cursor[0]}, ${cursor[1]})`
		: Prisma.empty;
	const start = await startingRows(db, audience, selection, query);
	const listedMasks = selection.classes.map(({ groups }) => masks.maskOf(groups));
	const rows = await db.$queryRaw<(Omit<AudienceRow, 'groups'> & { mask: string; nameSortKey: string })[]>`
		${start.with}
		SELECT "Person"."id", "Person"."name", "Person"."nameSortKey", "Person"."email", class.mask
		FROM ${start.from}, LATERAL (SELECT ${masks.of(Prisma.sql`"Person"."id"`)} AS mask) AS class
		WHERE ${peopleFilterSql({ q: query.q, role: null, status: 'active', group: selection.memberOf })} ${keyset}
			AND ("Person"."id" = ANY(${selection.ownEntryIds}::text[])
				OR (NOT "Person"."id" = ANY(${selection.allOwnEntryIds}::text[])
					AND class.mask = ANY(${listedMasks}::text[])))
		ORDER BY "Person"."nameSortKey", "Person"."id"
		LIMIT ${query.size + 1}`;
	const people = rows
		.slice(0, query.size)
		.map(({ mask, nameSortKey: _sortKey, ...person }) => ({ ...person, groups: masks.groupsOf(mask) }));
	const last = rows[query.size - 1];
	return {
		people,
		next: rows.length > query.size && last ? encodeCursor([last.nameSortKey, last.id]) : null
	};
}

/** The room's audience and one page of it, as the page shows them. */
export async function listRoomAudience(db: DbOrTx, room: RoomAccesses, query: AudiencePageQuery) {
	const audience = await roomAudience(db, room);
	const selection = selectAudience(audience, query);
	return { audience, selection, page: await listAudience(db, room, audience, selection, query) };
}
