// One room of a bulk job: read it fresh, apply the change, send the difference, then mirror,
// audit and record the result together.
import type { Liveblocks, RoomData, UpdateRoomOptions } from '@liveblocks/node';
import {
	applyPolicyChange,
	diffRoomAccess,
	isEmptyUpdate,
	validateRoomAccesses,
	type PolicyChange,
	type RoomAccessUpdate,
	type RoomAccesses
} from '$lib/access';
import { recordAudit } from '../../audit';
import type { BulkJobRoomStatus } from '../../prisma/client';
import type { Database } from '../../prisma-client';
import { withTransaction } from '../../transaction';
import { accessesOf } from '../access';
import { mirrorRoom } from '../mirror';
import { askLiveblocks, readRoom, RoomNotFound, singleTry, type RetryPolicy } from '../../liveblocks';
import { backoffDelay } from '../../liveblocks/retry';
import { claimRoomWrite, type RoomWriteClaim } from '../write-claim';
import { isRetryable } from './retry';

export type RoomJobContext = {
	db: Database;
	client: Liveblocks;
	jobId: string;
	/** Who the room changes are audited as: the admin who started the job. */
	actorId: string;
	change: PolicyChange;
	retry: RetryPolicy;
	/** Why the job stops taking rooms and retrying, or null while it goes on. */
	stopReason: () => 'cancelled' | 'stopped' | null;
	/** Waits, waking early when the job stops. */
	pause: (ms: number) => Promise<void>;
};

/** A pending room, with the accesses an earlier try read just before sending its updateRoom. */
export type PendingRoom = { roomId: string; before: RoomAccesses | null };

type Outcome =
	| { status: 'changed'; before: RoomAccesses; room: RoomData; update: RoomAccessUpdate }
	| { status: 'unchanged'; room: RoomData }
	| { status: 'failed'; error: string; room?: RoomData };

/**
 * Tries the room until it is done, retrying 429, 5xx and unanswered calls with back-off up to the
 * policy's attempts. Every try starts from the room as Liveblocks has it then, so a try after one
 * whose update landed (or a run after a crash) sends nothing again.
 */
export async function processRoom(ctx: RoomJobContext, pending: PendingRoom): Promise<BulkJobRoomStatus> {
	const room = { ...pending };
	for (let attempt = 1; ; attempt++) {
		let outcome: Outcome;
		// Held from reading the room to recording it, like an access save (decision 017); not while backing off.
		let claim: RoomWriteClaim | undefined;
		try {
			claim = await claimRoomWrite(ctx.db, room.roomId, { owner: `bulk-job:${ctx.jobId}` });
			outcome = await tryRoom(ctx, room);
		} catch (error) {
			await claim?.release();
			const reason = ctx.stopReason();
			if (isRetryable(error) && attempt < ctx.retry.attempts && reason === null) {
				await ctx.pause(backoffDelay(ctx.retry, attempt));
				if (ctx.stopReason() === null) continue;
			}
			return giveUp(ctx, room.roomId, attempt, error);
		}
		try {
			await record(ctx, room.roomId, attempt, outcome);
		} finally {
			await claim.release();
		}
		return outcome.status;
	}
}

async function tryRoom(ctx: RoomJobContext, room: PendingRoom): Promise<Outcome> {
	let fresh: RoomData;
	try {
		// One try per call: the job retries the whole room, starting from a fresh read.
		fresh = await readRoom(ctx.client, room.roomId, { retry: singleTry });
	} catch (error) {
		if (error instanceof RoomNotFound) {
			return { status: 'failed', error: 'The room no longer exists in Liveblocks.' };
		}
		throw error;
	}
	const current = accessesOf(fresh);
	const target = applyPolicyChange(current, ctx.change);
	const problems = validateRoomAccesses(target);
	if (problems.length > 0) {
		return { status: 'failed', error: problems.map((problem) => problem.message).join(' '), room: fresh };
	}
	const update = diffRoomAccess(current, target);
	if (isEmptyUpdate(update)) {
		// An earlier try sent an update and then failed or crashed before recording it: if the room
		// is now what that update made of it, the change is this job's and gets its audit now.
		if (
			room.before &&
			!isEmptyUpdate(diffRoomAccess(room.before, applyPolicyChange(room.before, ctx.change)))
		) {
			if (isEmptyUpdate(diffRoomAccess(applyPolicyChange(room.before, ctx.change), current))) {
				return {
					status: 'changed',
					before: room.before,
					room: fresh,
					update: diffRoomAccess(room.before, current)
				};
			}
		}
		return { status: 'unchanged', room: fresh };
	}
	// Written ahead of the call, so a restart can tell this job's update from a room that matched.
	room.before = current;
	await ctx.db.bulkJobRoom.update({
		where: { jobId_roomId: { jobId: ctx.jobId, roomId: room.roomId } },
		data: { before: current, update }
	});
	const updated = await askLiveblocks(
		room.roomId,
		(options) => ctx.client.updateRoom(room.roomId, update as UpdateRoomOptions, options),
		{ repeatable: false, retry: singleTry }
	);
	return { status: 'changed', before: current, room: updated, update };
}

async function record(ctx: RoomJobContext, roomId: string, attempts: number, outcome: Outcome) {
	await withTransaction(ctx.db, async (tx) => {
		if (outcome.room) await mirrorRoom(tx, outcome.room);
		if (outcome.status === 'changed') {
			await recordAudit(tx, {
				actorId: ctx.actorId,
				action: 'room.access-updated',
				target: { type: 'room', id: roomId },
				related: { type: 'bulk-job', id: ctx.jobId },
				before: outcome.before,
				after: { ...accessesOf(outcome.room), bulkJobId: ctx.jobId }
			});
		}
		await tx.bulkJobRoom.update({
			where: { jobId_roomId: { jobId: ctx.jobId, roomId } },
			data: {
				status: outcome.status,
				attempts: { increment: attempts },
				error: outcome.status === 'failed' ? outcome.error : null,
				...(outcome.status === 'changed' ? { update: outcome.update } : {}),
				finishedAt: new Date()
			}
		});
	});
}

/**
 * After the last try: failed with the reason; cancelled if the job was cancelled meanwhile; left
 * pending (for the instance that continues the job) if this one is stopping.
 */
async function giveUp(ctx: RoomJobContext, roomId: string, attempts: number, error: unknown) {
	const reason = ctx.stopReason();
	const status: BulkJobRoomStatus =
		reason === 'stopped' ? 'pending' : reason === 'cancelled' ? 'cancelled' : 'failed';
	await ctx.db.bulkJobRoom.update({
		where: { jobId_roomId: { jobId: ctx.jobId, roomId } },
		data: {
			status,
			attempts: { increment: attempts },
			error:
				status === 'failed'
					? `${error instanceof Error ? error.message : String(error)} (after ${attempts} ${attempts === 1 ? 'try' : 'tries'})`
					: null,
			finishedAt: status === 'pending' ? null : new Date()
		}
	});
	return status;
}
