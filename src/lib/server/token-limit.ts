// How many ID tokens one person may get, counted in PostgreSQL so every app instance shares the
// count (docs/decisions/020-token-rate-limit.md), in the unlogged TokenRateLimit table. One row per
// person, reused window after window, so the rows never outnumber the people; ended ones go with
// the sign-in limits' clean-up.
import type { Database } from './prisma-client';
import { refundAttempt, takeAttempt, type Verdict } from './rate-limit';

const oneMinute = 60_000;

/**
 * Counts one token request by `personId` against `perMinute`, in one statement, before any token
 * is asked for: parallel requests on any instance get distinct counts, so at most `perMinute` of
 * them go on in a window. The window starts at the first request and lasts a minute; refused
 * requests do not extend it.
 */
export function takeTokenAttempt(db: Database, personId: string, perMinute: number): Promise<Verdict> {
	return takeAttempt(db, [{ key: personId, max: perMinute, windowMs: oneMinute }], 'TokenRateLimit');
}

/** Liveblocks issued no token after all: the request does not use the person's allowance up. */
export function refundTokenAttempt(db: Database, personId: string): Promise<void> {
	return refundAttempt(db, personId, 'TokenRateLimit');
}

/** Whole seconds to wait, at least 1, for `Retry-After` and the message. */
export function retryAfterSeconds(verdict: { retryAfterMs: number }): number {
	return Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
}
