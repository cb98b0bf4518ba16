import type { Liveblocks, RoomData } from '@liveblocks/node';
import { askLiveblocks, LiveblocksUnavailable } from '../liveblocks';
import type { Prisma, Room } from '../prisma/client';
import type { DbOrTx } from '../transaction';
import { allPages } from './pages';

/** The id and every metadata value, one per line, for the index's substring search. */
export function roomSearchText(id: string, metadata: RoomData['metadata']): string {
	return [id, ...Object.values(metadata).flat()].join('\n');
}

function indexRow(room: RoomData, syncedAt: Date) {
	return {
		organizationId: room.organizationId,
		metadata: room.metadata,
		defaultAccesses: room.defaultAccesses,
		groupsAccesses: room.groupsAccesses,
		usersAccesses: room.usersAccesses,
		searchText: roomSearchText(room.id, room.metadata),
		createdAt: room.createdAt,
		lastConnectionAt: room.lastConnectionAt ?? null,
		syncedAt
	} satisfies Prisma.RoomUncheckedUpdateInput;
}

/** Writes the room as Liveblocks just returned it into the index (keeping its active-user count). */
export async function mirrorRoom(db: DbOrTx, room: RoomData, syncedAt = new Date()): Promise<Room> {
	const row = indexRow(room, syncedAt);
	return db.room.upsert({ where: { id: room.id }, create: { id: room.id, ...row }, update: row });
}

/** Takes a room out of the index (it was deleted in Liveblocks). */
export async function unmirrorRoom(db: DbOrTx, id: string): Promise<void> {
	await db.room.deleteMany({ where: { id } });
}

export type SyncResult = { synced: number; removed: number };

/**
 * Rooms written at once: about the pool's connections. A page of thousands written all at once
 * would queue for connections past the connect timeout (docs/decisions/015-database-timeouts.md).
 */
const writesAtOnce = 10;

/** Writes a page of rooms into the index, a few at a time. */
export async function mirrorRooms(db: DbOrTx, rooms: RoomData[], syncedAt = new Date()): Promise<void> {
	for (let start = 0; start < rooms.length; start += writesAtOnce) {
		const some = rooms.slice(start, start + writesAtOnce);
		await Promise.all(some.map((room) => mirrorRoom(db, room, syncedAt)));
	}
}

/**
 * Rewrites the index from Liveblocks: every room page by page (the hosted service pages; the dev
 * server returns everything at once), then, only once all pages arrived, removes the rooms that
 * Liveblocks no longer has. A failed sync leaves the rows it did not reach as they were.
 */
export async function syncRooms(
	db: DbOrTx,
	client: Liveblocks,
	onProgress: (synced: number) => void = () => {}
): Promise<SyncResult> {
	const startedAt = new Date();
	let synced = 0;
	const page = (startingAfter: string | undefined) =>
		askLiveblocks(undefined, (options) => client.getRooms({ limit: 100, startingAfter }, options), {
			repeatable: true
		});
	for await (const rooms of allPages(page)) {
		await mirrorRooms(db, rooms);
		synced += rooms.length;
		onProgress(synced);
	}
	const { count: removed } = await db.room.deleteMany({ where: { syncedAt: { lt: startedAt } } });
	return { synced, removed };
}

/** Why a sync stopped, for the admin who started it; null for a fault of Gatehouse's own. */
export function syncProblem(error: unknown): string | null {
	if (!(error instanceof LiveblocksUnavailable)) return null;
	return `Liveblocks did not list the rooms: ${error.message}. Nothing was removed.`;
}
