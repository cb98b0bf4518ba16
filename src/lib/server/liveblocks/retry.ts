// How Liveblocks calls are tried again: exponential back-off with jitter.

export type RetryPolicy = {
	/** Tries in all, the first included. */
	attempts: number;
	/** The wait before the second try; each further wait doubles, up to maxDelayMs. */
	baseDelayMs: number;
	maxDelayMs: number;
};

/** For calls a person waits on: a couple of quick tries, all inside the call's one deadline. */
export const interactiveRetry: RetryPolicy = { attempts: 3, baseDelayMs: 250, maxDelayMs: 1_000 };

/** For callers that retry whole steps themselves (bulk jobs). */
export const singleTry: RetryPolicy = { attempts: 1, baseDelayMs: 0, maxDelayMs: 0 };

/**
 * The wait after failed try number `attempt` (1-based): base × 2^(attempt−1), capped, with
 * "equal jitter" (half fixed, half random) so instances hitting one rate limit spread out.
 * @liveblocks/node does not expose the response's headers, so a Retry-After cannot be honoured.
 */
export function backoffDelay(policy: RetryPolicy, attempt: number, random = Math.random): number {
	const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
	return Math.round(exponential / 2 + (random() * exponential) / 2);
}
