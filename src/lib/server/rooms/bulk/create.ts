// Starting a bulk job: the change and its rooms are stored first, so any instance can run it.
import type { PolicyChange } from '$lib/access';
import { recordAudit } from '../../audit';
import type { Database } from '../../prisma-client';

/** Stores a queued job over `roomIds` (resolved from the selection beforehand); returns its id. */
export async function createBulkJob(
	db: Database,
	actorId: string,
	{ roomIds, change, selection }: { roomIds: string[]; change: PolicyChange; selection: string }
): Promise<string> {
	return db.$transaction(async (tx) => {
		const job = await tx.bulkJob.create({ data: { createdById: actorId, change, selection } });
		await tx.bulkJobRoom.createMany({ data: roomIds.map((roomId) => ({ jobId: job.id, roomId })) });
		await recordAudit(tx, {
			actorId,
			action: 'bulk-job.created',
			target: { type: 'bulk-job', id: job.id },
			after: { change, selection, rooms: roomIds.length }
		});
		return job.id;
	});
}
