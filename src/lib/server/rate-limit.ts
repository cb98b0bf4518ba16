import type { Database } from './prisma-client';

/**
 * Fixed-window counters of failed attempts, stored in PostgreSQL so that every app instance
 * behind a load balancer counts the same failures.
 */
export type Limit = { key: string; max: number; windowMs: number };

function windowStart(limit: Limit, now: number): Date {
	return new Date(now - (now % limit.windowMs));
}

/** The limits already used up, or an empty list. */
export async function exceededLimits(db: Database, limits: Limit[], now = Date.now()) {
	const rows = await db.rateLimit.findMany({ where: { key: { in: limits.map((l) => l.key) } } });
	return limits.filter((limit) => {
		const row = rows.find((r) => r.key === limit.key);
		return row && row.windowStart.getTime() === windowStart(limit, now).getTime() && row.count >= limit.max;
	});
}

export async function recordFailure(db: Database, limits: Limit[], now = Date.now()) {
	for (const limit of limits) {
		const start = windowStart(limit, now);
		// One statement, so concurrent failures on several instances all count.
		await db.$executeRaw`
			INSERT INTO "RateLimit" ("key", "windowStart", "count") VALUES (${limit.key}, ${start}, 1)
			ON CONFLICT ("key") DO UPDATE SET
				"count" = CASE WHEN "RateLimit"."windowStart" = EXCLUDED."windowStart" THEN "RateLimit"."count" + 1 ELSE 1 END,
				"windowStart" = EXCLUDED."windowStart"`;
	}
}

export async function clearLimits(db: Database, keys: string[]) {
	await db.rateLimit.deleteMany({ where: { key: { in: keys } } });
}
