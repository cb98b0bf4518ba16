import type { Liveblocks, RoomData, RoomPermission } from '@liveblocks/node';
import {
	diffRoomAccess,
	isEmptyUpdate,
	validateRoomAccesses,
	type AccessProblem,
	type RoomAccesses
} from '$lib/access';
import { presetDefaultAccesses } from '$lib/rooms/presets';
import { metadataOf, type NewRoom } from '$lib/schemas/room';
import { recordAudit } from '../audit';
import type { Database } from '../prisma-client';
import { withTransaction } from '../transaction';
import { accessesOf } from './access';
import {
	askLiveblocks,
	LiveblocksUnavailable,
	readRoom,
	RoomExists,
	RoomNotFound,
	writeToRoom
} from '../liveblocks';
import { mirrorRoom, unmirrorRoom } from './mirror';

/** Liveblocks created the room but the database could not record it; `undone`: it was deleted again. */
export class RoomNotRecorded extends Error {
	constructor(
		readonly id: string,
		readonly undone: boolean,
		cause: unknown
	) {
		super(
			undone
				? `Gatehouse could not record the new room, so it was deleted again in Liveblocks: nothing was created.`
				: `Liveblocks has the new room ${id}, but Gatehouse could neither record nor delete it: sync the rooms list.`,
			{ cause }
		);
	}
}

/** Liveblocks deleted the room but the database could not record it. */
export class DeletionNotRecorded extends Error {
	constructor(
		readonly id: string,
		cause: unknown
	) {
		super(
			`Liveblocks deleted the room ${id}, but Gatehouse could not record it: the audit log misses the deletion. Sync the rooms list to drop it from the index.`,
			{ cause }
		);
	}
}

/** The accesses the new room would start with break Liveblocks' rules (a copied room can). */
export class InvalidAccesses extends Error {
	constructor(readonly problems: AccessProblem[]) {
		super(problems.map((problem) => problem.message).join(' '));
	}
}

/** What the audit log keeps of a room. */
export function roomSnapshot(room: RoomData) {
	const { id, organizationId, metadata, defaultAccesses, groupsAccesses, usersAccesses } = room;
	return { id, organizationId, metadata, defaultAccesses, groupsAccesses, usersAccesses };
}

async function initialAccesses(client: Liveblocks, input: NewRoom): Promise<RoomAccesses> {
	if (!input.copyFrom) {
		return {
			defaultAccesses: presetDefaultAccesses(input.preset),
			groupsAccesses: {},
			usersAccesses: {}
		};
	}
	const source = await readRoom(client, input.copyFrom);
	const { defaultAccesses, groupsAccesses, usersAccesses } = source;
	return { defaultAccesses, groupsAccesses, usersAccesses };
}

/**
 * Creates the room in Liveblocks, then mirrors and records it. Liveblocks comes first because it
 * is the source of truth; if the database cannot record the new room, it is deleted again, so no
 * room exists that the audit log does not know (RoomNotRecorded says whether that worked).
 */
export async function createRoom(
	db: Database,
	client: Liveblocks,
	actorId: string,
	input: NewRoom
): Promise<RoomData> {
	const accesses = await initialAccesses(client, input);
	const problems = validateRoomAccesses(accesses);
	if (problems.length > 0) throw new InvalidAccesses(problems);
	const room = await writeToRoom(
		client,
		input.id,
		(options) =>
			client.createRoom(
				input.id,
				{
					defaultAccesses: accesses.defaultAccesses as RoomPermission,
					groupsAccesses: accesses.groupsAccesses as Record<string, RoomPermission>,
					usersAccesses: accesses.usersAccesses as Record<string, RoomPermission>,
					metadata: metadataOf(input),
					...(input.organizationId ? { organizationId: input.organizationId } : {})
				},
				options
			),
		// A lost answer: the room now there with these accesses is the one just created.
		(now) => (now && isEmptyUpdate(diffRoomAccess(accesses, accessesOf(now))) ? { result: now } : null)
	).catch((error: unknown) => {
		throw error instanceof LiveblocksUnavailable && error.status === 409 ? new RoomExists(input.id) : error;
	});
	try {
		await withTransaction(db, async (tx) => {
			await mirrorRoom(tx, room);
			// Nobody can be connected to a room that did not exist a moment ago; the list still asks.
			await tx.room.update({ where: { id: room.id }, data: { activeUsers: 0 } });
			await recordAudit(tx, {
				actorId,
				action: 'room.created',
				target: { type: 'room', id: room.id },
				after: {
					...roomSnapshot(room),
					...(input.copyFrom ? { copiedFrom: input.copyFrom } : { preset: input.preset })
				}
			});
		});
	} catch (error) {
		// Deleting is harmless to repeat: the room is new and nobody has it yet.
		const undone = await askLiveblocks(room.id, (options) => client.deleteRoom(room.id, options), {
			repeatable: true
		}).then(
			() => true,
			() => false
		);
		throw new RoomNotRecorded(room.id, undone, error);
	}
	return room;
}

/**
 * Deletes the room in Liveblocks (disconnecting everyone in it), then records what it was. No
 * transaction waits on Liveblocks: a deletion whose answer was lost is confirmed by reading the
 * room back, so what is recorded is what happened; if Liveblocks refuses, nothing is recorded.
 */
export async function deleteRoom(
	db: Database,
	client: Liveblocks,
	actorId: string,
	id: string
): Promise<void> {
	let before: RoomData;
	try {
		before = await readRoom(client, id);
	} catch (error) {
		if (error instanceof RoomNotFound) await unmirrorRoom(db, id);
		throw error;
	}
	await writeToRoom(
		client,
		id,
		(options) => client.deleteRoom(id, options),
		(now) => (now === null ? { result: undefined } : null)
	);
	try {
		await withTransaction(db, async (tx) => {
			await unmirrorRoom(tx, id);
			await recordAudit(tx, {
				actorId,
				action: 'room.deleted',
				target: { type: 'room', id },
				before: roomSnapshot(before)
			});
		});
	} catch (error) {
		throw new DeletionNotRecorded(id, error);
	}
}
