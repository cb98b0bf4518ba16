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
import type { InviteProblem } from '$lib/rooms/invites';
import { recordAudit } from '../audit';
import { EmailTaken } from '../domain-errors';
import {
	checkInvites,
	createInvitedPeople,
	recordInvites,
	removeInvitedPeople,
	tidyDraft,
	withInvitedIds,
	type InviteDraft,
	type InvitedPerson,
	type NewInvite
} from '../invites/room-invites';
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

/** A save that failed after creating the people it invited, who could not be removed again. */
export class InvitedPeopleLeft extends Error {
	constructor(people: InvitedPerson[], failure: unknown, options: { cause: unknown }) {
		const emails = people.map((person) => person.email).join(', ');
		const why = failure instanceof Error ? ` (${failure.message})` : '';
		super(
			`Nothing was saved to Liveblocks${why}, but the people just created for ${emails} could not be removed again: delete them from People before inviting them again.`,
			options
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
	/** An invite cannot be made (its email is taken, say): nothing was created or sent. */
	| { outcome: 'invites-refused'; problems: InviteProblem[] }
	/**
	 * `room` as updateRoom returned it, `payload` exactly what was sent, `invites` the links made for
	 * the people it invited (their tokens exist nowhere else).
	 */
	| { outcome: 'saved'; room: RoomData; payload: RoomAccessUpdate; invites: NewInvite[] };

/** What the editor sends: the version it loaded, the edited one, and the people it invites. */
export type RoomAccessEdit = { loaded: RoomAccesses; edited: RoomAccesses; invites?: InviteDraft[] };

const week = 7 * 24 * 60 * 60_000;

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
 * Invited people (rows whose ids are placeholders) are checked first, created just before the
 * updateRoom that names them by their new ids, removed again if Liveblocks does not take it, and
 * given a link of `inviteLifetimeMs` in the transaction that records the save
 * (docs/decisions/027-invites.md).
 */
export async function saveRoomAccess(
	db: Database,
	client: Liveblocks,
	actorId: string,
	roomId: string,
	edit: RoomAccessEdit,
	inviteLifetimeMs = week
): Promise<SaveRoomAccessResult> {
	return withRoomWriteClaim(db, roomId, () =>
		saveClaimedRoom(db, client, actorId, roomId, edit, inviteLifetimeMs)
	);
}

async function saveClaimedRoom(
	db: Database,
	client: Liveblocks,
	actorId: string,
	roomId: string,
	{ loaded, edited, invites: drafts = [] }: RoomAccessEdit,
	inviteLifetimeMs: number
): Promise<SaveRoomAccessResult> {
	const invites = drafts.map(tidyDraft);
	const problems = validateRoomAccesses(edited);
	if (problems.length > 0) return { outcome: 'invalid', problems };
	const inviteProblems = await checkInvites(db, invites, { loaded, edited });
	if (inviteProblems.length > 0) return { outcome: 'invites-refused', problems: inviteProblems };

	const fresh = await readRoom(client, roomId);
	const current = accessesOf(fresh);
	if (!isEmptyUpdate(diffRoomAccess(loaded, current))) {
		// The index was stale too: keep what was just read.
		await mirrorRoom(db, fresh);
		return { outcome: 'conflict', current };
	}

	if (isEmptyUpdate(diffRoomAccess(loaded, edited))) return { outcome: 'unchanged' };

	let people: InvitedPerson[] = [];
	try {
		people = await createInvitedPeople(db, actorId, invites);
	} catch (error) {
		// Someone took an email since the check: name it (or, if gone again, every invite).
		if (!(error instanceof EmailTaken)) throw error;
		const taken = await checkInvites(db, invites, { loaded, edited });
		const message = `${error.message} Nothing was saved; try again.`;
		return {
			outcome: 'invites-refused',
			problems: taken.length > 0 ? taken : invites.map(({ key, email }) => ({ key, email, message }))
		};
	}
	/** Without a save in Liveblocks the invited people have nothing: they go again. */
	const takeBack = async (failure: unknown) => {
		if (people.length === 0) return;
		await removeInvitedPeople(db, actorId, people).catch((error: unknown) => {
			throw new InvitedPeopleLeft(people, failure, { cause: error });
		});
	};
	const target = withInvitedIds(edited, people);
	const payload = diffRoomAccess(loaded, target);

	// Liveblocks has no compare-and-set: the claim keeps Gatehouse's own writers out until this is
	// recorded, but a change made outside Gatehouse between the getRoom above and this updateRoom
	// (one round trip) is merged over, not refused.
	let room: RoomData;
	try {
		room = await writeToRoom(
			client,
			roomId,
			(options) => client.updateRoom(roomId, payload as UpdateRoomOptions, options),
			// A lost answer: the room already having the edited accesses means the update landed.
			(now) => (now && isEmptyUpdate(diffRoomAccess(target, accessesOf(now))) ? { result: now } : null)
		);
	} catch (error) {
		// Also when the write is unconfirmed: an entry for an id nobody has is harmless (the editor
		// shows it), a person whose access is unknown is not.
		await takeBack(error);
		throw error;
	}
	let links: NewInvite[];
	try {
		links = await withTransaction(db, async (tx) => {
			await mirrorRoom(tx, room);
			await recordAudit(tx, {
				actorId,
				action: 'room.access-updated',
				target: { type: 'room', id: roomId },
				before: loaded,
				after: accessesOf(room)
			});
			return recordInvites(tx, actorId, roomId, people, inviteLifetimeMs);
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
		// Not undone: Liveblocks lets the invited people in, so they stay (an admin can invite them).
		if (undone) await takeBack(error);
		throw new SaveNotRecorded(undone, error);
	}
	return { outcome: 'saved', room, payload, invites: links };
}
