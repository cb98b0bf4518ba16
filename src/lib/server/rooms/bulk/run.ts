// Running a bulk job on this instance: claim its lease, work through its pending rooms a few at a
// time while renewing the lease, and stop between rooms when it is cancelled or taken over.
import { setTimeout as sleep } from 'node:timers/promises';
import type { Liveblocks } from '@liveblocks/node';
import type { RoomAccesses } from '$lib/access';
import { policyChangeSchema } from '$lib/schemas/policy-change';
import type { Database } from '../../prisma-client';
import { claimJob, releaseJob, renewLease } from './lease';
import type { RetryPolicy } from '../../liveblocks';
import { processRoom, type RoomJobContext } from './process-room';

export type RunOptions = {
	/** This instance's name in the lease. */
	owner: string;
	/** Rooms in flight at once. */
	concurrency?: number;
	/** How long the lease lasts unless renewed; renewed before each room and every third of it. */
	leaseMs?: number;
	retry?: RetryPolicy;
	/** Stops taking rooms, lets the ones in flight finish, and keeps the lease (it then expires). */
	signal?: AbortSignal;
};

/**
 * `stopped`: the signal fired and rooms are left for whoever claims the job next; `lease-lost`:
 * another instance holds the job now; `not-claimed`: it was not claimable (running elsewhere,
 * finished or cancelled).
 */
export type RunOutcome = 'finished' | 'cancelled' | 'stopped' | 'lease-lost' | 'not-claimed';

export const bulkConcurrency = 4;
/** A job has time: each room gets up to six tries over about a minute (429, 5xx, no answer). */
export const bulkRetry: RetryPolicy = { attempts: 6, baseDelayMs: 1_000, maxDelayMs: 30_000 };
export const defaultLeaseMs = 30_000;

export async function runBulkJob(
	db: Database,
	client: Liveblocks,
	jobId: string,
	options: RunOptions
): Promise<RunOutcome> {
	const { owner, concurrency = bulkConcurrency, leaseMs = defaultLeaseMs } = options;
	if (!(await claimJob(db, jobId, owner, leaseMs))) return 'not-claimed';
	const job = await db.bulkJob.findUniqueOrThrow({
		where: { id: jobId },
		select: { change: true, createdById: true }
	});
	const pending = await db.bulkJobRoom.findMany({
		where: { jobId, status: 'pending' },
		select: { roomId: true, before: true },
		orderBy: { roomId: 'asc' }
	});

	let reason: 'cancelled' | 'stopped' | 'lease-lost' | null = null;
	const wake = new AbortController();
	const stop = (why: NonNullable<typeof reason>) => {
		reason ??= why;
		wake.abort();
	};
	if (options.signal?.aborted) stop('stopped');
	options.signal?.addEventListener('abort', () => stop('stopped'), { once: true });

	/** Renews the lease; a job that was cancelled or taken over stops. */
	const keepLease = async () => {
		if (reason !== null) return;
		if (await renewLease(db, jobId, owner, leaseMs)) return;
		const now = await db.bulkJob.findUnique({ where: { id: jobId }, select: { status: true } });
		stop(now?.status === 'cancelled' ? 'cancelled' : 'lease-lost');
	};
	const heartbeat = setInterval(() => void keepLease().catch(() => undefined), leaseMs / 3);

	const context: RoomJobContext = {
		db,
		client,
		jobId,
		actorId: job.createdById,
		change: policyChangeSchema.parse(job.change),
		retry: options.retry ?? bulkRetry,
		stopReason: () => (reason === null ? null : reason === 'cancelled' ? 'cancelled' : 'stopped'),
		pause: (ms) => sleep(ms, undefined, { signal: wake.signal }).catch(() => undefined)
	};

	let next = 0;
	let failure: unknown;
	const worker = async () => {
		try {
			while (reason === null) {
				await keepLease();
				const room = pending[next++];
				if (reason !== null || !room) return;
				await processRoom(context, { roomId: room.roomId, before: room.before as RoomAccesses | null });
			}
		} catch (error) {
			// The database failed under this worker: stop the others and let the lease expire, so
			// this or another instance continues once it is back.
			failure ??= error;
			stop('stopped');
		}
	};
	try {
		await Promise.all(Array.from({ length: concurrency }, worker));
	} finally {
		clearInterval(heartbeat);
	}
	if (failure !== undefined) throw failure;
	if (reason === 'stopped' || reason === 'lease-lost') return reason;
	await releaseJob(db, jobId, owner);
	return reason === 'cancelled' ? 'cancelled' : 'finished';
}
