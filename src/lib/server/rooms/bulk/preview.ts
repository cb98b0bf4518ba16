// What a bulk change would do to each room, read from the index before anything is sent.
import { createHash } from 'node:crypto';
import {
	applyPolicyChange,
	diffRoomAccess,
	isEmptyUpdate,
	validateRoomAccesses,
	type PolicyChange,
	type Principal,
	type RoomAccessUpdate,
	type RoomAccesses
} from '$lib/access';
import type { DbOrTx } from '../../transaction';

/** One list the change alters in a room: null before means added, null after means removed. */
export type EntryChange = { principal: Principal; before: string[] | null; after: string[] | null };

export type RoomPreview = {
	roomId: string;
	title: string | null;
	changes: EntryChange[];
	/** Why Liveblocks would refuse the changed room (it would fail in the job). */
	problems: string[];
};

/** How many rooms the preview lists one by one; the counts cover them all. */
export const previewListLimit = 200;

export type BulkPreview = {
	total: number;
	/** How many rooms the change would alter, and how many it would fail. */
	changing: number;
	failing: number;
	unchanged: number;
	/** Rooms the change would alter or fail, in id order, at most previewListLimit. */
	affected: RoomPreview[];
	/** The unchanged rooms' ids, at most previewListLimit. */
	unchangedIds: string[];
	/** Names these exact rooms and this exact change, so a start can refuse a preview gone stale. */
	digest: string;
};

/**
 * The per-room diff over the index's copy of each room: no Liveblocks call, so previewing
 * thousands of rooms is cheap. The job itself re-reads every room from Liveblocks.
 */
export async function previewBulkChange(
	db: DbOrTx,
	roomIds: string[],
	change: PolicyChange
): Promise<BulkPreview> {
	const rows = await db.room.findMany({
		where: { id: { in: roomIds } },
		select: { id: true, metadata: true, defaultAccesses: true, groupsAccesses: true, usersAccesses: true },
		orderBy: { id: 'asc' }
	});
	const preview: Omit<BulkPreview, 'total' | 'digest'> = {
		changing: 0,
		failing: 0,
		unchanged: 0,
		affected: [],
		unchangedIds: []
	};
	for (const row of rows) {
		const current = {
			defaultAccesses: row.defaultAccesses,
			groupsAccesses: row.groupsAccesses,
			usersAccesses: row.usersAccesses
		} as RoomAccesses;
		const after = applyPolicyChange(current, change);
		const update = diffRoomAccess(current, after);
		const problems = validateRoomAccesses(after).map((problem) => problem.message);
		if (isEmptyUpdate(update) && problems.length === 0) {
			preview.unchanged++;
			if (preview.unchangedIds.length < previewListLimit) preview.unchangedIds.push(row.id);
			continue;
		}
		if (problems.length > 0) preview.failing++;
		else preview.changing++;
		if (preview.affected.length < previewListLimit) {
			const title = (row.metadata as Record<string, unknown>).title;
			preview.affected.push({
				roomId: row.id,
				title: typeof title === 'string' ? title : null,
				changes: entryChanges(current, update),
				problems
			});
		}
	}
	return { total: rows.length, ...preview, digest: selectionDigest(roomIds, change) };
}

/** The update read against the room it applies to, entry by entry. */
export function entryChanges(current: RoomAccesses, update: RoomAccessUpdate): EntryChange[] {
	const changes: EntryChange[] = [];
	if (update.defaultAccesses) {
		changes.push({
			principal: { kind: 'default' },
			before: current.defaultAccesses,
			after: update.defaultAccesses
		});
	}
	for (const [field, kind] of [
		['groupsAccesses', 'group'],
		['usersAccesses', 'user']
	] as const) {
		for (const [id, after] of Object.entries(update[field] ?? {})) {
			const before = Object.hasOwn(current[field], id) ? current[field][id]! : null;
			changes.push({ principal: { kind, id }, before, after });
		}
	}
	return changes;
}

export function selectionDigest(roomIds: string[], change: PolicyChange): string {
	return createHash('sha256')
		.update(JSON.stringify([[...roomIds].sort(), change]))
		.digest('base64url');
}
