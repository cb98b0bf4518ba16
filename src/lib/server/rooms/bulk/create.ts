// Starting a bulk job: the change and its rooms are stored first, so any instance can run it.
import type { PolicyChange } from '$lib/access';
import { recordAudit } from '../../audit';
import type { Database } from '../../prisma-client';
import { withTransaction, type Tx } from '../../transaction';

export type NewBulkJob = { roomIds: string[]; change: PolicyChange; selection: string };

/** Stores a queued job over `roomIds` (resolved from the selection beforehand) in its own transaction. */
export function createBulkJob(db: Database, actorId: string, job: NewBulkJob): Promise<string> {
	return withTransaction(db, (tx) => queueBulkJob(tx, actorId, job));
}

/** Stores a queued job inside the caller's transaction, with its audit event; returns its id. */
export async function queueBulkJob(
	tx: Tx,
	actorId: string,
	{ roomIds, change, selection }: NewBulkJob
): Promise<string> {
	const job = await tx.bulkJob.create({ data: { createdById: actorId, change, selection } });
	await tx.bulkJobRoom.createMany({ data: roomIds.map((roomId) => ({ jobId: job.id, roomId })) });
	await recordAudit(tx, {
		actorId,
		action: 'bulk-job.created',
		target: { type: 'bulk-job', id: job.id },
		after: { change, selection, rooms: roomIds.length }
	});
	return job.id;
}
