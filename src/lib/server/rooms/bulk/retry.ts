// Retrying Liveblocks calls that may succeed later: rate limits (429), server errors (5xx) and
// unanswered requests, with exponential back-off and jitter.
import { LiveblocksError } from '@liveblocks/node';
import { RoomWriteBusy } from '../write-claim';

export type RetryPolicy = {
	/** Tries per room in one run, the first included. */
	attempts: number;
	/** The wait before the second try; each further wait doubles, up to maxDelayMs. */
	baseDelayMs: number;
	maxDelayMs: number;
};

export const defaultRetryPolicy: RetryPolicy = { attempts: 6, baseDelayMs: 1_000, maxDelayMs: 30_000 };

/** True for failures worth another try; 4xx other than 429 would fail the same way again. */
export function isRetryable(error: unknown): boolean {
	// Someone else was writing the room for longer than a worker waits: try again after the back-off.
	if (error instanceof RoomWriteBusy) return true;
	if (error instanceof LiveblocksError) return error.status === 429 || error.status >= 500;
	return isUnanswered(error);
}

/**
 * The wait after failed try number `attempt` (1-based): base × 2^(attempt−1), capped, with
 * "equal jitter" (half fixed, half random) so instances hitting one rate limit spread out.
 * @liveblocks/node does not expose the response's headers, so a Retry-After cannot be honoured.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(exponential / 2 + (random() * exponential) / 2);
}

/** A failure as one line for the room's result. */
export function describeFailure(error: unknown): string {
	if (error instanceof LiveblocksError) return `Liveblocks answered ${error.status}: ${error.message}`;
	if (isUnanswered(error)) return `Liveblocks could not be reached: ${String(error.cause ?? error.message)}`;
	return error instanceof Error ? error.message : String(error);
}

/** fetch's own failure (refused, reset or cut connection), not a bug that happens to be a TypeError. */
function isUnanswered(error: unknown): error is TypeError {
	return error instanceof TypeError && error.message === 'fetch failed';
}
