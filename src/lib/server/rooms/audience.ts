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

	/** The mask of the memberships in `rows`, which must be one person's. */
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
 * Everyone active resolved by class: one aggregate over the memberships of the room's groups,
 * one count of the directory, and the own-entry people. Deactivated people cannot get a token,
 * so they are nobody's audience.
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
					SELECT m."personId", ${masks.aggregate(Prisma.sql`m."groupId"`)} AS mask
					FROM "GroupMembership" m
					WHERE m."groupId" = ANY(${masks.roomGroups}::text[])
					GROUP BY m."personId"
				) AS classes
				WHERE EXISTS (SELECT FROM "Person" p WHERE p."id" = classes."personId" AND p."status" = 'active')
				GROUP BY mask`,
		db.$queryRaw<{ count: number }[]>`SELECT count(*)::int AS count FROM "Person" WHERE "status" = 'active'`,
		ownIds.length === 0
			? Promise.resolve([] as { id: string; mask: string }[])
			: db.$queryRaw<{ id: string; mask: string }[]>`
				SELECT p."id", ${masks.of(Prisma.sql`p."id"`)} AS mask
				FROM "Person" p WHERE p."status" = 'active' AND p."id" = ANY(${ownIds}::text[])`
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
	/** Only members of this group. */
	group: string | null;
	size: number;
	after: string | null;
};

/**
 * One page of the people `selection` lists, by name, after the cursor's row: the directory is
 * walked on its (name, id) index and each row's class is looked up on the memberships' primary key
 * and tested against the listed classes' masks, so a page costs about the same at any depth.
 */
export async function listAudience(
	db: DbOrTx,
	room: RoomAccesses,
	selection: AudienceSelection,
	query: AudiencePageQuery
): Promise<AudiencePage> {
	if (selection.count === 0) return { people: [], next: null };
	const masks = new ClassMask(roomGroupIds(room));
	const cursor = decodeCursor(query.after, 2);
	const keyset = cursor ? Prisma.sql`AND ("name", "id") > (${cursor[0]}, ${cursor[1]})` : Prisma.empty;
	const filter = peopleFilterSql({ q: query.q, role: null, status: 'active', group: query.group });
	const listedMasks = selection.classes.map((groups) => masks.maskOf(groups));
	const rows = await db.$queryRaw<(Omit<AudienceRow, 'groups'> & { mask: string })[]>`
		SELECT "id", "name", "email", class.mask
		FROM "Person", LATERAL (SELECT ${masks.of(Prisma.sql`"Person"."id"`)} AS mask) AS class
		WHERE ${filter} ${keyset}
			AND ("id" = ANY(${selection.ownEntryIds}::text[])
				OR (NOT "id" = ANY(${selection.allOwnEntryIds}::text[]) AND class.mask = ANY(${listedMasks}::text[])))
		ORDER BY "name", "id"
		LIMIT ${query.size + 1}`;
	const people = rows
		.slice(0, query.size)
		.map(({ mask, ...person }) => ({ ...person, groups: masks.groupsOf(mask) }));
	const last = people.at(-1);
	return { people, next: rows.length > query.size && last ? encodeCursor([last.name, last.id]) : null };
}

/** The room's audience and one page of it, as the page shows them. */
export async function listRoomAudience(db: DbOrTx, room: RoomAccesses, query: AudiencePageQuery) {
	const audience = await roomAudience(db, room);
	const selection = selectAudience(audience, query);
	return { audience, selection, page: await listAudience(db, room, selection, query) };
}
