// Where the app runs bulk jobs: at once on the instance where an admin starts or resumes one, and
// from a poller on every instance that takes over jobs nobody holds (queued, or a lease that ran
// out because its instance stopped).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { isDatabaseUnavailable, logDatabaseUnavailable } from '../../database-unavailable';
import { db } from '../../db';
import { env } from '../../env';
import { liveblocks } from '../../liveblocks/client';
import { claimableJobIds, releaseJob } from './lease';
import { runBulkJob } from './run';

/** This instance's name in job leases. */
const owner = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
const running = new Map<string, Promise<void>>();
const shuttingDown = new AbortController();

/** Runs the job on this instance unless it already does; returns at once. */
export function runBulkJobHere(jobId: string): void {
	if (running.has(jobId) || shuttingDown.signal.aborted) return;
	const run = runBulkJob(db, liveblocks(), jobId, {
		owner,
		leaseMs: env.BULK_JOB_LEASE_SECONDS * 1000,
		signal: shuttingDown.signal
	})
		.then(async (outcome) => {
			// Shutting down: hand the rest over now rather than when the lease runs out.
			if (outcome === 'stopped') await releaseJob(db, jobId, owner);
		})
		.catch((error: unknown) => {
			console.error(`[bulk] Job ${jobId} stopped on this instance, its lease will expire:`, error);
		})
		.finally(() => running.delete(jobId));
	running.set(jobId, run);
}

/**
 * Looks for claimable jobs every `intervalMs`, and on adapter-node's shutdown stops taking rooms,
 * lets the rooms in flight finish and hands the jobs over.
 */
export function startBulkJobPoller(intervalMs = 5_000): void {
	const poll = async () => {
		for (const jobId of await claimableJobIds(db)) runBulkJobHere(jobId);
	};
	// While the database is down this fails every poll: one line each, not a stack.
	const report = (error: unknown) =>
		isDatabaseUnavailable(error)
			? logDatabaseUnavailable('the bulk job poll', error)
			: console.error('[bulk] Looking for jobs to continue failed:', error);
	const timer = setInterval(() => void poll().catch(report), intervalMs);
	timer.unref();
	void poll().catch(report);
	process.once('sveltekit:shutdown', () => {
		clearInterval(timer);
		shuttingDown.abort();
	});
}
