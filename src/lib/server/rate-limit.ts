// Attempt counters in PostgreSQL, so that every app instance behind a load balancer counts the
// same attempts (docs/decisions/013-sign-in-limits.md). An attempt is counted BEFORE the work it
// guards (a password check), in one statement that also returns the count: N parallel attempts
// get the counts 1..N, so at most `max` of them are let through, however many instances race.
// Times are the database's (`now() AT TIME ZONE 'UTC'`, as Prisma keeps DateTime), so instances
// with different clocks agree.
import { Prisma } from './prisma/client';
import type { Database } from './prisma-client';

/** At most `max` attempts per window of `windowMs`, the window starting at its first attempt. */
export type Limit = { key: string; max: number; windowMs: number };

/**
 * Where counters live: RateLimit for sign-in limits and marks; TokenRateLimit, unlogged, for the
 * ID-token endpoint's per-person counts (decision 020).
 */
export type CounterTable = 'RateLimit' | 'TokenRateLimit';
const counterTables: CounterTable[] = ['RateLimit', 'TokenRateLimit'];

export type Verdict = { allowed: true } | { allowed: false; retryAt: Date };

const now = Prisma.sql`(now() AT TIME ZONE 'UTC')`;

/** A counter as the statement that counted an attempt returns it (and the database's time, `now`). */
type CounterRow = { key: string; count: number; expiresAt: Date };

/**
 * One attempt against a limit, for each row of `source` (a FROM clause; none counts once): a new
 * window when the last one has ended, otherwise one more in it. A used-up window is not extended
 * by further attempts, so it ends when it said it would. Returns the counter's columns.
 */
export function countAttempt(
	table: CounterTable,
	limit: Limit,
	source: Prisma.Sql = Prisma.empty
): Prisma.Sql {
	return Prisma.sql`
		INSERT INTO ${Prisma.raw(`"${table}"`)} AS r ("key", "count", "expiresAt")
		SELECT ${limit.key}, 1, ${now} + ${limit.windowMs} * interval '1 millisecond' ${source}
		ON CONFLICT ("key") DO UPDATE SET
			"count" = CASE WHEN r."expiresAt" <= ${now} THEN 1 ELSE r."count" + 1 END,
			"expiresAt" = CASE WHEN r."expiresAt" <= ${now} THEN EXCLUDED."expiresAt" ELSE r."expiresAt" END
		RETURNING r."key", r."count", r."expiresAt", ${now} AS "now"`;
}

/**
 * Counts one attempt against each limit in order, in one statement, and decides: allowed when
 * every count is within its max. A limit is counted only when the ones before it allowed the
 * attempt, so a refused flood adds rows and counts to the first limit alone. Row locks are
 * taken in the order given: callers that share keys must list them in the same order.
 */
export async function takeAttempt(
	db: Database,
	limits: Limit[],
	table: CounterTable = 'RateLimit'
): Promise<Verdict> {
	if (limits.length === 0) return { allowed: true };
	const steps = limits.map((limit, i) => {
		const previous = Prisma.raw(`step${i - 1}`);
		const source =
			i === 0
				? Prisma.empty
				: Prisma.sql`FROM ${previous} WHERE ${previous}."count" <= ${limits[i - 1]!.max}`;
		return Prisma.sql`${Prisma.raw(`step${i}`)} AS (${countAttempt(table, limit, source)})`;
	});
	const results = Prisma.join(
		limits.map((_, i) => Prisma.sql`SELECT * FROM ${Prisma.raw(`step${i}`)}`),
		' UNION ALL '
	);
	const rows = await db.$queryRaw<CounterRow[]>`WITH ${Prisma.join(steps, ', ')} ${results}`;
	for (const limit of limits) {
		const row = rows.find((r) => r.key === limit.key);
		if (!row) break;
		if (row.count > limit.max) return { allowed: false, retryAt: row.expiresAt };
	}
	return { allowed: true };
}

/** Gives an attempt back (it turned out not to be a guess), if its window is still running. */
export async function refundAttempt(
	db: Database,
	key: string,
	table: CounterTable = 'RateLimit'
): Promise<void> {
	await db.$executeRaw`
		UPDATE ${Prisma.raw(`"${table}"`)} SET "count" = GREATEST("count" - 1, 0)
		WHERE "key" = ${key} AND "expiresAt" > ${now}`;
}

export async function clearLimits(db: Database, keys: string[]) {
	await db.rateLimit.deleteMany({ where: { key: { in: keys } } });
}

/** Keeps a mark (such as "this address has signed in to this account") for `ms`. */
export async function remember(db: Database, key: string, ms: number): Promise<void> {
	await db.$executeRaw`
		INSERT INTO "RateLimit" ("key", "count", "expiresAt")
		VALUES (${key}, 0, ${now} + ${ms} * interval '1 millisecond')
		ON CONFLICT ("key") DO UPDATE SET "expiresAt" = EXCLUDED."expiresAt"`;
}

export async function isRemembered(db: Database, key: string): Promise<boolean> {
	const rows = await db.$queryRaw<unknown[]>`
		SELECT 1 FROM "RateLimit" WHERE "key" = ${key} AND "expiresAt" > ${now}`;
	return rows.length > 0;
}

/**
 * Deletes rows whose window has ended (a later attempt would start a new one anyway), in both
 * counter tables. Rows that a concurrent attempt holds are skipped rather than waited for, so this
 * never blocks sign-ins or token requests nor deadlocks with them; the next run takes them.
 * Returns how many were deleted.
 */
export async function removeExpiredLimits(db: Database): Promise<number> {
	let deleted = 0;
	for (const table of counterTables) {
		const name = Prisma.raw(`"${table}"`);
		deleted += await db.$executeRaw`
			DELETE FROM ${name} WHERE "key" IN (
				SELECT "key" FROM ${name} WHERE "expiresAt" <= ${now}
				ORDER BY "expiresAt" LIMIT 1000 FOR UPDATE SKIP LOCKED)`;
	}
	return deleted;
}
