// How a Liveblocks call about one room reaches callers: in bounded time, RoomNotFound for a 404,
// otherwise LiveblocksUnavailable with the status Liveblocks answered (none when it did not
// answer); and a write whose answer was lost is read back to learn what happened.
import { LiveblocksError, type Liveblocks, type RoomData } from '@liveblocks/node';

/** How long one Liveblocks call may take before it counts as unanswered. */
export const liveblocksTimeoutMs = 10_000;

type CallOptions = { signal: AbortSignal };

export class RoomNotFound extends Error {
	constructor(readonly id: string) {
		super(`No room with id ${id}`);
	}
}

/** Liveblocks answered with an error (its status) or not at all (no status): nothing was changed here. */
export class LiveblocksUnavailable extends Error {
	constructor(
		readonly status: number | undefined,
		cause: unknown
	) {
		super(
			status === undefined
				? `Liveblocks could not be reached: ${String(cause)}`
				: `Liveblocks answered ${status}: ${cause instanceof Error ? cause.message : String(cause)}`,
			{ cause }
		);
	}
}

/** Liveblocks did not confirm a write and could not be read back: whether it happened is unknown. */
export class WriteUnconfirmed extends Error {
	constructor(
		readonly roomId: string,
		cause: unknown
	) {
		super(
			`Liveblocks did not confirm the change to room ${roomId} and could not be asked afterwards, so it may or may not have happened. Reload to see what Liveblocks has now.`,
			{ cause }
		);
	}
}

/** One Liveblocks call about one room, given at most liveblocksTimeoutMs, its failures as the errors above. */
export async function askLiveblocks<T>(
	roomId: string,
	call: (options: CallOptions) => Promise<T>
): Promise<T> {
	try {
		return await call({ signal: AbortSignal.timeout(liveblocksTimeoutMs) });
	} catch (error) {
		if (error instanceof LiveblocksError) {
			if (error.status === 404) throw new RoomNotFound(roomId);
			throw new LiveblocksUnavailable(error.status, error);
		}
		throw new LiveblocksUnavailable(undefined, error);
	}
}

/**
 * A write to one room that may land even when its answer is lost (no answer in time, a reset, a
 * 5xx): then the room is read back, and `landed` says from what Liveblocks has now (null: no such
 * room) whether the write happened, and with what result. A write that did not land rethrows its
 * failure; one that cannot be checked throws WriteUnconfirmed. A clear refusal (4xx) is final.
 */
export async function writeToRoom<T>(
	client: Liveblocks,
	roomId: string,
	write: (options: CallOptions) => Promise<T>,
	landed: (now: RoomData | null) => { result: T } | null
): Promise<T> {
	try {
		return await askLiveblocks(roomId, write);
	} catch (error) {
		const unanswered = error instanceof LiveblocksUnavailable && (error.status ?? 500) >= 500;
		if (!unanswered) throw error;
		let now: RoomData | null;
		try {
			now = await askLiveblocks(roomId, (options) => client.getRoom(roomId, options));
		} catch (readError) {
			if (!(readError instanceof RoomNotFound)) throw new WriteUnconfirmed(roomId, error);
			now = null;
		}
		const outcome = landed(now);
		if (!outcome) throw error;
		return outcome.result;
	}
}
