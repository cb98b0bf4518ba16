// The one way Gatehouse calls Liveblocks: one deadline for the call and its retries, retries only
// where repeating is harmless, and failures as the typed errors of errors.ts.
import type { Liveblocks, RoomData } from '@liveblocks/node';
import { setTimeout as sleep } from 'node:timers/promises';
import { LiveblocksUnavailable, typedFailure } from './errors';
import { backoffDelay, interactiveRetry, type RetryPolicy } from './retry';

/** How long one Liveblocks call, its retries included, may take before it counts as unanswered. */
export const liveblocksTimeoutMs = 10_000;

export type CallOptions = { signal: AbortSignal };

type AskOptions = {
	/**
	 * A read, or a write that does the same however often it lands: tried again after a 5xx or no
	 * answer. Any call is tried again after a 429, which Liveblocks sends before doing anything.
	 */
	repeatable: boolean;
	retry?: RetryPolicy;
	timeoutMs?: number;
};

/**
 * One Liveblocks call (about `roomId` when it names one, so a 404 becomes RoomNotFound), given at
 * most `timeoutMs` in all and tried again as `repeatable` allows.
 */
export async function askLiveblocks<T>(
	roomId: string | undefined,
	call: (options: CallOptions) => Promise<T>,
	{ repeatable, retry = interactiveRetry, timeoutMs = liveblocksTimeoutMs }: AskOptions
): Promise<T> {
	const signal = AbortSignal.timeout(timeoutMs);
	for (let attempt = 1; ; attempt++) {
		try {
			return await call({ signal });
		} catch (error) {
			const failure = typedFailure(error, roomId, signal);
			const worthAnother =
				failure instanceof LiveblocksUnavailable &&
				!failure.timedOut &&
				(failure.status === 429 || (repeatable && failure.isTransient));
			if (!worthAnother || attempt >= retry.attempts) throw failure;
			try {
				await sleep(backoffDelay(retry, attempt), undefined, { signal });
			} catch {
				throw failure;
			}
		}
	}
}

/** The room as Liveblocks has it now. */
export function readRoom(
	client: Liveblocks,
	roomId: string,
	options: Omit<AskOptions, 'repeatable'> = {}
): Promise<RoomData> {
	return askLiveblocks(roomId, (call) => client.getRoom(roomId, call), { ...options, repeatable: true });
}
