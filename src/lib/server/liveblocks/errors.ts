// The failures a Liveblocks call ends in, as callers handle them. Their messages may reach any
// signed-in person, so they never carry Liveblocks' address or a network error's details.
import { LiveblocksError } from '@liveblocks/node';

export class RoomNotFound extends Error {
	constructor(readonly id: string) {
		super(`No room with id ${id}`);
	}
}

/** Liveblocks already has a room with this id (409 to a creation). */
export class RoomExists extends Error {
	constructor(readonly id: string) {
		super(`A room with id ${id} exists`);
	}
}

/**
 * Liveblocks answered with an error (its status) or not at all (no status; `timedOut` when the
 * call ran out of time): the call did not do what was asked, as far as Gatehouse can tell.
 */
export class LiveblocksUnavailable extends Error {
	constructor(
		readonly status: number | undefined,
		readonly timedOut: boolean,
		cause: unknown
	) {
		super(
			status !== undefined
				? `Liveblocks answered ${status}${cause instanceof LiveblocksError && cause.message ? `: ${cause.message}` : ''}`
				: timedOut
					? 'Liveblocks did not answer in time'
					: 'Liveblocks could not be reached',
			{ cause }
		);
	}

	/** The connection was refused: the request never reached Liveblocks, so nothing was done. */
	get neverArrived(): boolean {
		return this.status === undefined && !this.timedOut && causeCode(this.cause) === 'ECONNREFUSED';
	}

	/** Rate limited, failed on its side, or unanswered: a later try may succeed. */
	get isTransient(): boolean {
		return this.status === undefined || this.status === 429 || this.status >= 500;
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

/** A call's failure as one of the errors above; anything else (a bug) is returned as it is. */
export function typedFailure(error: unknown, roomId: string | undefined, signal: AbortSignal): unknown {
	if (error instanceof LiveblocksError) {
		if (error.status === 404 && roomId !== undefined) return new RoomNotFound(roomId);
		return new LiveblocksUnavailable(error.status, false, error);
	}
	if (signal.aborted) return new LiveblocksUnavailable(undefined, true, error);
	if (isUnanswered(error)) return new LiveblocksUnavailable(undefined, false, error);
	return error;
}

/** The system error code behind fetch's failure (fetch's TypeError has it as its cause). */
function causeCode(error: unknown): unknown {
	const cause = (error as { cause?: { code?: unknown; errors?: { code?: unknown }[] } } | undefined)?.cause;
	// Node reports a refused connection to a name with several addresses as an AggregateError.
	return cause?.code ?? cause?.errors?.[0]?.code;
}

/** fetch's own failure (refused, reset or cut connection), not a bug that happens to be a TypeError. */
function isUnanswered(error: unknown): boolean {
	return error instanceof TypeError && error.message === 'fetch failed';
}
