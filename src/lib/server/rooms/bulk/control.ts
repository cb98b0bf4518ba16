// Cancelling and resuming a job: plain database changes any instance can make; the instance
// running the job sees a cancel when it renews its lease, before its next room.
import { recordAudit } from '../../audit';
import type { Database } from '../../prisma-client';
import { withTransaction } from '../../transaction';

/**
 * Cancels a queued or running job: its pending rooms are marked cancelled at once (rooms already
 * in flight still record what happened to them). False when the job was not queued or running.
 */
export async function cancelBulkJob(db: Database, actorId: string, jobId: string): Promise<boolean> {
	return withTransaction(db, async (tx) => {
		const { count } = await tx.bulkJob.updateMany({
			where: { id: jobId, status: { in: ['queued', 'running'] } },
			data: { status: 'cancelled', finishedAt: new Date() }
		});
		if (count === 0) return false;
		const cancelled = await tx.bulkJobRoom.updateMany({
			where: { jobId, status: 'pending' },
			data: { status: 'cancelled', finishedAt: new Date() }
		});
		await recordAudit(tx, {
			actorId,
			action: 'bulk-job.cancelled',
			target: { type: 'bulk-job', id: jobId },
			after: { roomsLeft: cancelled.count }
		});
		return true;
	});
}

export type ResumeResult = 'resumed' | 'nothing-to-resume' | 'not-stopped';

/**
 * Puts a finished or cancelled job's failed and cancelled rooms back in the queue. A running job
 * whose instance stopped needs no resume: its lease expires and any instance continues it.
 */
export async function resumeBulkJob(db: Database, actorId: string, jobId: string): Promise<ResumeResult> {
	return withTransaction(db, async (tx) => {
		const [job] = await tx.$queryRaw<{ status: string }[]>`
			SELECT status FROM "BulkJob" WHERE id = ${jobId} FOR UPDATE`;
		if (!job || (job.status !== 'finished' && job.status !== 'cancelled')) return 'not-stopped';
		const { count } = await tx.bulkJobRoom.updateMany({
			where: { jobId, status: { in: ['failed', 'cancelled'] } },
			data: { status: 'pending', error: null, finishedAt: null }
		});
		if (count === 0) return 'nothing-to-resume';
		await tx.bulkJob.update({ where: { id: jobId }, data: { status: 'queued', finishedAt: null } });
		await recordAudit(tx, {
			actorId,
			action: 'bulk-job.resumed',
			target: { type: 'bulk-job', id: jobId },
			after: { rooms: count }
		});
		return 'resumed';
	});
}
