import type { Liveblocks } from '@liveblocks/node';
import { askLiveblocks } from '../liveblocks';
import type { DbOrTx } from '../transaction';

/** Liveblocks asks not to poll active users more often than this. */
export const activeUsersInterval = 10_000;
/** How long "connected now" waits for Liveblocks before it keeps the last count or says "unknown". */
const activeUsersTimeoutMs = 3_000;
const parallelRequests = 4;

/** The ids of the connections open in the room now (null for an anonymous one), as Liveblocks tells. */
export async function activeUserIds(client: Liveblocks, roomId: string): Promise<(string | null)[]> {
	const { data } = await askLiveblocks(roomId, (options) => client.getActiveUsers(roomId, options), {
		repeatable: true,
		timeoutMs: activeUsersTimeoutMs
	});
	return data.map((user) => user.id);
}

/**
 * Refreshes "connected now" for the given rooms and returns the counts by id. Each room is asked
 * at most once per interval across all requests and app instances: a request first claims the
 * room by moving its check time forward in the database, and only the claimant asks Liveblocks.
 * A room Liveblocks cannot answer for keeps its last count.
 */
export async function refreshActiveUsers(
	db: DbOrTx,
	client: Liveblocks,
	roomIds: readonly string[],
	now = new Date()
): Promise<Map<string, number | null>> {
	const staleBefore = new Date(now.getTime() - activeUsersInterval);
	const queue = [...roomIds];
	const worker = async () => {
		for (let id = queue.shift(); id !== undefined; id = queue.shift()) {
			const { count: claimed } = await db.room.updateMany({
				where: { id, OR: [{ activeCheckedAt: null }, { activeCheckedAt: { lt: staleBefore } }] },
				data: { activeCheckedAt: now }
			});
			if (claimed === 0) continue;
			try {
				const connected = await activeUserIds(client, id);
				await db.room.updateMany({ where: { id }, data: { activeUsers: connected.length } });
			} catch {
				// Leave the last count; the next check after the interval tries again.
			}
		}
	};
	await Promise.all(Array.from({ length: parallelRequests }, worker));
	const rows = await db.room.findMany({
		where: { id: { in: [...roomIds] } },
		select: { id: true, activeUsers: true }
	});
	return new Map(rows.map((row) => [row.id, row.activeUsers]));
}
