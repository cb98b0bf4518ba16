// The lease that lets exactly one app instance run a job at a time: each step is one UPDATE, and
// times are the database's, so instances with different clocks agree. Prisma keeps DateTime as
// UTC without a time zone, hence `now() AT TIME ZONE 'UTC'`.
import type { DbOrTx } from '../../transaction';

/**
 * Takes the job for `owner` if it is queued, or running under a lease that expired (its instance
 * stopped) or that `owner` already holds. Two instances racing get one winner: the row lock
 * makes the second UPDATE see the first one's lease.
 */
export async function claimJob(db: DbOrTx, jobId: string, owner: string, leaseMs: number): Promise<boolean> {
	const claimed = await db.$executeRaw`
		UPDATE "BulkJob"
		SET status = 'running', "leaseOwner" = ${owner},
			"leaseExpiresAt" = (now() AT TIME ZONE 'UTC') + ${leaseMs} * interval '1 millisecond'
		WHERE id = ${jobId} AND status IN ('queued', 'running')
			AND ("leaseOwner" IS NULL OR "leaseOwner" = ${owner} OR "leaseExpiresAt" < (now() AT TIME ZONE 'UTC'))`;
	return claimed === 1;
}

/** Extends the lease; false when the job was cancelled or another instance took it over. */
export async function renewLease(
	db: DbOrTx,
	jobId: string,
	owner: string,
	leaseMs: number
): Promise<boolean> {
	const renewed = await db.$executeRaw`
		UPDATE "BulkJob"
		SET "leaseExpiresAt" = (now() AT TIME ZONE 'UTC') + ${leaseMs} * interval '1 millisecond'
		WHERE id = ${jobId} AND status = 'running' AND "leaseOwner" = ${owner}`;
	return renewed === 1;
}

/**
 * Gives the job up: a running job with no pending room left is finished, a cancelled one stays
 * cancelled, and one with rooms left (the instance is shutting down) stays running with an expired
 * lease for another instance to continue at once.
 */
export async function releaseJob(db: DbOrTx, jobId: string, owner: string): Promise<void> {
	await db.$executeRaw`
		UPDATE "BulkJob" AS job
		SET "leaseOwner" = NULL, "leaseExpiresAt" = NULL,
			status = CASE WHEN job.status = 'running' AND rest.done THEN 'finished' ELSE job.status END,
			"finishedAt" = CASE
				WHEN job.status = 'running' AND rest.done THEN now() AT TIME ZONE 'UTC'
				ELSE job."finishedAt" END
		FROM (
			SELECT NOT EXISTS (SELECT 1 FROM "BulkJobRoom" WHERE "jobId" = ${jobId} AND status = 'pending') AS done
		) AS rest
		WHERE job.id = ${jobId} AND job."leaseOwner" = ${owner}`;
}

/** Jobs no instance is working on: queued, or running under an expired lease. */
export async function claimableJobIds(db: DbOrTx): Promise<string[]> {
	const rows = await db.$queryRaw<{ id: string }[]>`
		SELECT id FROM "BulkJob"
		WHERE status = 'queued'
			OR (status = 'running' AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < (now() AT TIME ZONE 'UTC')))
		ORDER BY "createdAt"
		LIMIT 20`;
	return rows.map((row) => row.id);
}
