// How a failed Liveblocks call about one room reaches callers: RoomNotFound for a 404, otherwise
// LiveblocksUnavailable with the status Liveblocks answered (none when it did not answer).
import { LiveblocksError } from '@liveblocks/node';

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

/** One Liveblocks call about one room, its failures as the errors above. */
export async function askLiveblocks<T>(roomId: string, call: () => Promise<T>): Promise<T> {
	try {
		return await call();
	} catch (error) {
		if (error instanceof LiveblocksError) {
			if (error.status === 404) throw new RoomNotFound(roomId);
			throw new LiveblocksUnavailable(error.status, error);
		}
		throw new LiveblocksUnavailable(undefined, error);
	}
}
