// A write to one room whose answer may be lost although the write landed.
import type { Liveblocks, RoomData } from '@liveblocks/node';
import { askLiveblocks, readRoom, type CallOptions } from './call';
import { LiveblocksUnavailable, RoomNotFound, WriteUnconfirmed } from './errors';
import type { RetryPolicy } from './retry';

/**
 * Sends a write that is not repeated blindly. When its answer is lost (no answer in time, a reset,
 * a 5xx; a refused connection means it never left), the room is read back and `landed` says from what Liveblocks has now (null: no such
 * room) whether the write happened, and with what result. A write that did not land rethrows its
 * failure; one that cannot be checked throws WriteUnconfirmed. A clear refusal (4xx) is final.
 */
export async function writeToRoom<T>(
	client: Liveblocks,
	roomId: string,
	write: (options: CallOptions) => Promise<T>,
	landed: (now: RoomData | null) => { result: T } | null,
	retry?: RetryPolicy
): Promise<T> {
	try {
		return await askLiveblocks(roomId, write, { repeatable: false, retry });
	} catch (error) {
		const unanswered =
			error instanceof LiveblocksUnavailable && !error.neverArrived && (error.status ?? 500) >= 500;
		if (!unanswered) throw error;
		let now: RoomData | null;
		try {
			now = await readRoom(client, roomId, { retry });
		} catch (readError) {
			if (!(readError instanceof RoomNotFound)) throw new WriteUnconfirmed(roomId, error);
			now = null;
		}
		const outcome = landed(now);
		if (!outcome) throw error;
		return outcome.result;
	}
}
