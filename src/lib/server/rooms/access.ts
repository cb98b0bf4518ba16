// Saving a room's access matrix: refuse a stale editor, send one updateRoom, mirror and audit it.
import type { Liveblocks, RoomData, UpdateRoomOptions } from '@liveblocks/node';
import {
	diffRoomAccess,
	isEmptyUpdate,
	validateRoomAccesses,
	type AccessProblem,
	type RoomAccessUpdate,
	type RoomAccesses
} from '$lib/access';
import { recordAudit } from '../audit';
import type { Database } from '../prisma-client';
import { withTransaction } from '../transaction';
import { mirrorRoom } from './mirror';
import { askLiveblocks, readRoom, writeToRoom } from '../liveblocks';
import { withRoomWriteClaim } from './write-claim';

/** Liveblocks accepted a save the database could not record; `undone` says whether it was taken back. */
export class SaveNotRecorded extends Error {
	constructor(
		readonly undone: boolean,
		cause: unknown
	) {
		super(
			undone
				? 'Gatehouse could not record the change, so it was undone in Liveblocks: nothing changed.'
				: 'Liveblocks has the change, but Gatehouse could neither record nor undo it, so the audit log misses it. Reload to see what Liveblocks has.',
			{ cause }
		);
	}
}

export function accessesOf(room: RoomData): RoomAccesses {
	const { defaultAccesses, groupsAccesses, usersAccesses } = room;
	return { defaultAccesses, groupsAccesses, usersAccesses };
}

/** The room as Liveblocks has it now, what the editor starts from; opening it refreshes its index row. */
export async function openRoom(db: Database, client: Liveblocks, roomId: string): Promise<RoomData> {
	const room = await readRoom(client, roomId);
	await mirrorRoom(db, room);
	return room;
}

export type SaveRoomAccessResult =
	| { outcome: 'invalid'; problems: AccessProblem[] }
	/** The room changed since the editor loaded it; `current` is what Liveblocks has now. */
	| { outcome: 'conflict'; current: RoomAccesses }
	| { outcome: 'unchanged' }
	/** `room` as updateRoom returned it, `payload` exactly what was sent. */
	| { outcome: 'saved'; room: RoomData; payload: RoomAccessUpdate };

/**
 * Saves the editor's accesses if the room still has the ones it loaded. Nothing is sent when the
 * edit is invalid, when the room changed meanwhile (compared as the access model compares: order of
 * scopes and of entries does not count), or when there is nothing to change. Otherwise exactly one
 * updateRoom carries the difference, then the returned room is mirrored and audited together; if
 * the database cannot record it, the change is undone in Liveblocks (SaveNotRecorded).
 * `loaded` comes from the browser, but it can only be trusted as the audit's `before` because it
 * must equal what Liveblocks has before anything is sent. The whole save holds the room's write
 * claim, so of two saves of one loaded version (from any instances) the second waits, then gets the
 * conflict; RoomWriteBusy if the room stays claimed longer than it waits.
 */
export async function saveRoomAccess(
	db: Database,
	client: Liveblocks,
	actorId: string,
	roomId: string,
	edit: { loaded: RoomAccesses; edited: RoomAccesses }
): Promise<SaveRoomAccessResult> {
	return withRoomWriteClaim(db, roomId, () => saveClaimedRoom(db, client, actorId, roomId, edit));
}

async function saveClaimedRoom(
	db: Database,
	client: Liveblocks,
	actorId: string,
	roomId: string,
	{ loaded, edited }: { loaded: RoomAccesses; edited: RoomAccesses }
): Promise<SaveRoomAccessResult> {
	const problems = validateRoomAccesses(edited);
	if (problems.length > 0) return { outcome: 'invalid', problems };

	const fresh = await readRoom(client, roomId);
	const current = accessesOf(fresh);
	if (!isEmptyUpdate(diffRoomAccess(loaded, current))) {
		// The index was stale too: keep what was just read.
		await mirrorRoom(db, fresh);
		return { outcome: 'conflict', current };
	}

	const payload = diffRoomAccess(loaded, edited);
	if (isEmptyUpdate(payload)) return { outcome: 'unchanged' };

	// Liveblocks has no compare-and-set: the claim keeps Gatehouse's own writers out until this is
	// recorded, but a change made outside Gatehouse between the getRoom above and this updateRoom
	// (one round trip) is merged over, not refused.
	const room = await writeToRoom(
		client,
		roomId,
		(options) => client.updateRoom(roomId, payload as UpdateRoomOptions, options),
		// A lost answer: the room already having the edited accesses means the update landed.
		(now) => (now && isEmptyUpdate(diffRoomAccess(edited, accessesOf(now))) ? { result: now } : null)
	);
	try {
		await withTransaction(db, async (tx) => {
			await mirrorRoom(tx, room);
			await recordAudit(tx, {
				actorId,
				action: 'room.access-updated',
				target: { type: 'room', id: roomId },
				before: loaded,
				after: accessesOf(room)
			});
		});
	} catch (error) {
		// No save without its audit event: send the inverse of what was just sent.
		const undo = diffRoomAccess(accessesOf(room), loaded) as UpdateRoomOptions;
		// Setting entries to given values is harmless to repeat.
		const undone = await askLiveblocks(roomId, (options) => client.updateRoom(roomId, undo, options), {
			repeatable: true
		}).then(
			() => true,
			() => false
		);
		throw new SaveNotRecorded(undone, error);
	}
	return { outcome: 'saved', room, payload };
}
