// How many ID tokens one person may get, counted in PostgreSQL so every app instance shares the
// count (docs/decisions/020-token-rate-limit.md), in the unlogged TokenRateLimit table. One row per
// person, reused window after window, so the rows never outnumber the people; ended ones go with
// the sign-in limits' clean-up.
import type pg from 'pg';
import type { SessionClaim } from './auth/session-token';
import { markUnreachable } from './database-unavailable';
import { personOf, selectPerson, type IdentityPerson } from './identity';
import { Prisma } from './prisma/client';
import type { Database } from './prisma-client';
import { countAttempt, refundAttempt } from './rate-limit';
import { selectRoomOrganization } from './rooms/organization';

const oneMinute = 60_000;

/** Whether a token request is within the person's tokens per minute, and if not, how long to wait. */
export type TokenAllowance = { allowed: true } | { allowed: false; retryAfterMs: number };

/**
 * The person behind a token request, this request's allowance, whether the request was counted
 * (countedPeople), and the organization the index has for the room it names
 * (selectRoomOrganization: null when not indexed or no room).
 */
export type TokenHolder = {
	person: IdentityPerson;
	allowance: TokenAllowance;
	counted: boolean;
	indexedOrganizationId: string | null;
};

/** A row of loadTokenHolder's statement; no count for someone it did not count. */
type TokenHolderRow = IdentityPerson & {
	count: number | null;
	retryAfterMs: number | null;
	indexedOrganizationId: string | null;
};

/**
 * Whom a token request is counted for: people the door lets through on their status. tokenRefusal
 * refuses the deactivated and those with a temporary password with a 403 that must use up nothing.
 */
const countedPeople = Prisma.sql`FROM person WHERE status = 'active' AND NOT "mustChangePassword"`;

/**
 * The person a session claims (at that session's version, as loadPerson reads them), one token
 * request counted against their `perMinute`, and the index's organization of `roomId`, in one
 * statement and one round trip, straight on the pool as a prepared statement: this runs for
 * every token, and Prisma's own work per call cost more than the statement
 * (docs/decisions/025-token-endpoint-one-statement.md). Null, and nothing counted, when the
 * session no longer holds. The count comes before any token is asked for: parallel requests on
 * any instance get distinct counts, so at most `perMinute` of them go on in a window. The window
 * starts at the first request and lasts a minute; refused requests do not extend it. The wait is
 * worked out by the database, on its clock.
 */
export async function loadTokenHolder(
	pool: pg.Pool,
	claim: SessionClaim,
	{ perMinute, roomId }: { perMinute: number; roomId: string | undefined }
): Promise<TokenHolder | null> {
	const limit = { key: claim.personId, max: perMinute, windowMs: oneMinute };
	const statement = Prisma.sql`
		WITH person AS (${selectPerson(claim.personId, claim)}),
			attempt AS (${countAttempt('TokenRateLimit', limit, countedPeople)})
		SELECT person.*, attempt."count", ${selectRoomOrganization(roomId)} AS "indexedOrganizationId",
			(EXTRACT(EPOCH FROM attempt."expiresAt" - attempt."now") * 1000)::float8 AS "retryAfterMs"
		FROM person LEFT JOIN attempt ON TRUE`;
	const { rows } = await pool
		.query<TokenHolderRow>({ name: 'token-holder', text: statement.text, values: statement.values })
		.catch((failure: unknown) => {
			throw markUnreachable(failure);
		});
	const row = rows[0];
	if (!row) return null;
	const { count, retryAfterMs, indexedOrganizationId, ...person } = row;
	const over = count !== null && retryAfterMs !== null && count > perMinute;
	return {
		person: personOf(person),
		allowance: over ? { allowed: false, retryAfterMs } : { allowed: true },
		counted: count !== null,
		indexedOrganizationId
	};
}

/** Liveblocks issued no token after all: the request does not use the person's allowance up. */
export function refundTokenAttempt(db: Database, personId: string): Promise<void> {
	return refundAttempt(db, personId, 'TokenRateLimit');
}

/** Whole seconds to wait, at least 1, for `Retry-After` and the message. */
export function retryAfterSeconds(verdict: { retryAfterMs: number }): number {
	return Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
}
