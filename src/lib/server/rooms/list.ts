import type { RoomAccesses } from '$lib/access';
import { decodeCursor, encodeCursor, likePattern } from '../keyset-cursor';
import { Prisma } from '../prisma/client';
import type { DbOrTx } from '../transaction';

export type RoomListItem = {
	id: string;
	organizationId: string;
	title: string | null;
	metadata: Record<string, string | string[]>;
	activeUsers: number | null;
};

export type RoomListPage<Item = RoomListItem> = {
	rooms: Item[];
	next: string | null;
	previous: string | null;
};

/** A room's accesses as the index last read them from Liveblocks (jsonb columns, as Prisma returns them). */
export function indexedAccesses(room: {
	defaultAccesses: unknown;
	groupsAccesses: unknown;
	usersAccesses: unknown;
}): RoomAccesses {
	return {
		defaultAccesses: room.defaultAccesses as string[],
		groupsAccesses: room.groupsAccesses as Record<string, string[]>,
		usersAccesses: room.usersAccesses as Record<string, string[]>
	};
}

/** The title a room's metadata gives it, if any. */
export function roomTitle(metadata: unknown): string | null {
	const title = (metadata as Record<string, unknown>).title;
	return typeof title === 'string' ? title : null;
}

/** A row of the index with the accesses it was last mirrored with. */
export type IndexedRoom = RoomListItem & { accesses: RoomAccesses };

export type RoomListOptions = {
	/** Case-insensitive substring of the id or of any metadata value. */
	search?: string;
	organizationId?: string;
	/** Only rooms that let in one of these principals ('*', 'group:<id>', 'user:<id>'; see RoomGrant). */
	grantedTo?: readonly string[];
	/** Cursors from a previous page's `next` or `previous`; `before` wins when both are given. */
	after?: string | null;
	before?: string | null;
	limit?: number;
};

type Row = Omit<RoomListItem, 'title'> & RoomAccesses;

/** The list's filter as a WHERE condition on "Room" (bulk changes select rooms with it too). */
export function roomFilterSql({
	search,
	organizationId,
	grantedTo
}: Pick<RoomListOptions, 'search' | 'organizationId' | 'grantedTo'>) {
	const trimmed = search?.trim();
	const filters = [
		trimmed ? Prisma.sql`"searchText" ILIKE ${likePattern(trimmed)}` : null,
		organizationId ? Prisma.sql`"organizationId" = ${organizationId}` : null,
		grantedTo
			? Prisma.sql`id IN (SELECT "roomId" FROM "RoomGrant" WHERE principal = ANY(${[...grantedTo]}))`
			: null
	].filter((filter) => filter !== null);
	return filters.length > 0 ? Prisma.join(filters, ' AND ') : Prisma.sql`true`;
}

/** One page of the room index by id, in either direction, with links to the pages on each side. */
export async function listRooms(db: DbOrTx, options: RoomListOptions = {}): Promise<RoomListPage> {
	const page = await listIndexedRooms(db, options);
	return { ...page, rooms: page.rooms.map(({ accesses: _, ...room }) => room) };
}

/** listRooms with each room's accesses, for pages that resolve what someone may do in them. */
export async function listIndexedRooms(
	db: DbOrTx,
	options: RoomListOptions = {}
): Promise<RoomListPage<IndexedRoom>> {
	const limit = options.limit ?? 50;
	const before = decodeCursor(options.before, 1)?.[0];
	const after = before === undefined ? decodeCursor(options.after, 1)?.[0] : undefined;
	const where = roomFilterSql(options);
	const select = (bound: Prisma.Sql, order: Prisma.Sql) => db.$queryRaw<Row[]>`
		SELECT id, "organizationId", metadata, "activeUsers",
			"defaultAccesses", "groupsAccesses", "usersAccesses"
		FROM "Room"
		WHERE ${where} AND ${bound}
		ORDER BY id ${order}
		LIMIT ${limit + 1}`;

	let rows: Row[];
	let hasNext: boolean;
	let hasPrevious: boolean;
	if (before !== undefined) {
		const found = await select(Prisma.sql`id < ${before}`, Prisma.sql`DESC`);
		hasPrevious = found.length > limit;
		rows = found.slice(0, limit).reverse();
		hasNext = true;
	} else {
		const found = await select(
			after !== undefined ? Prisma.sql`id > ${after}` : Prisma.sql`true`,
			Prisma.sql`ASC`
		);
		hasNext = found.length > limit;
		rows = found.slice(0, limit);
		hasPrevious = after !== undefined;
	}
	const first = rows.at(0);
	const last = rows.at(-1);
	return {
		rooms: rows.map(({ defaultAccesses, groupsAccesses, usersAccesses, ...row }) => ({
			...row,
			title: roomTitle(row.metadata),
			accesses: { defaultAccesses, groupsAccesses, usersAccesses }
		})),
		next: hasNext && last ? encodeCursor([last.id]) : null,
		previous: hasPrevious && first ? encodeCursor([first.id]) : null
	};
}

/** The organizations rooms belong to, for the filter. */
export async function roomOrganizations(db: DbOrTx): Promise<string[]> {
	const rows = await db.room.findMany({
		distinct: ['organizationId'],
		select: { organizationId: true },
		orderBy: { organizationId: 'asc' }
	});
	return rows.map((row) => row.organizationId);
}

/** How many rooms of the index match the filter (for "12 rooms" beside a list). */
export async function countRooms(
	db: DbOrTx,
	filter: Pick<RoomListOptions, 'search' | 'organizationId' | 'grantedTo'>
): Promise<number> {
	const { grantedTo, ...rest } = filter;
	const [row] =
		grantedTo && !rest.search?.trim() && !rest.organizationId
			? // The grants alone answer, without visiting every room.
				await db.$queryRaw<[{ count: number }]>`
					SELECT count(DISTINCT "roomId")::int AS count FROM "RoomGrant" WHERE principal = ANY(${[...grantedTo]})`
			: await db.$queryRaw<[{ count: number }]>`
					SELECT count(*)::int AS count FROM "Room" WHERE ${roomFilterSql(filter)}`;
	return row.count;
}
