// What a bulk change would do to each room, read from the index before anything is sent.
import { createHash } from 'node:crypto';
import {
	applyPolicyChange,
	diffRoomAccess,
	validateRoomAccesses,
	type PolicyChange,
	type RoomAccessUpdate,
	type RoomAccesses
} from '$lib/access';
import type { Transaction } from '../../transaction';

export type RoomPreview = {
	roomId: string;
	title: string | null;
	/** The updateRoom payload the room would get. */
	update: RoomAccessUpdate;
	/** Why Liveblocks would refuse the changed room (it would fail in the job). */
	problems: string[];
};

export type BulkPreview = {
	total: number;
	/** Rooms the change would alter (or refuse), in id order. */
	affected: RoomPreview[];
	unchanged: number;
	/** Names these exact rooms and this exact change, so a start can refuse a preview gone stale. */
	digest: string;
};

/**
 * The per-room diff over the index's copy of each room: no Liveblocks call, so previewing
 * thousands of rooms is cheap. The job itself re-reads every room from Liveblocks.
 */
export async function previewBulkChange(
	db: Transaction,
	roomIds: string[],
	change: PolicyChange
): Promise<BulkPreview> {
	const rows = await db.room.findMany({
		where: { id: { in: roomIds } },
		select: { id: true, metadata: true, defaultAccesses: true, groupsAccesses: true, usersAccesses: true },
		orderBy: { id: 'asc' }
	});
	const affected: RoomPreview[] = [];
	for (const row of rows) {
		const current = {
			defaultAccesses: row.defaultAccesses,
			groupsAccesses: row.groupsAccesses,
			usersAccesses: row.usersAccesses
		} as RoomAccesses;
		const after = applyPolicyChange(current, change);
		const update = diffRoomAccess(current, after);
		const problems = validateRoomAccesses(after).map((problem) => problem.message);
		if (Object.keys(update).length > 0 || problems.length > 0) {
			const title = (row.metadata as Record<string, unknown>).title;
			affected.push({ roomId: row.id, title: typeof title === 'string' ? title : null, update, problems });
		}
	}
	return {
		total: roomIds.length,
		affected,
		unchanged: roomIds.length - affected.length,
		digest: selectionDigest(roomIds, change)
	};
}

export function selectionDigest(roomIds: string[], change: PolicyChange): string {
	return createHash('sha256')
		.update(JSON.stringify([[...roomIds].sort(), change]))
		.digest('base64url');
}
