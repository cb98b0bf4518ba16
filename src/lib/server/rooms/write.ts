import { LiveblocksError, type Liveblocks, type RoomData, type RoomPermission } from '@liveblocks/node';
import { validateRoomAccesses, type AccessProblem, type RoomAccesses } from '$lib/access';
import { presetDefaultAccesses } from '$lib/rooms/presets';
import { metadataOf, type NewRoom } from '$lib/schemas/room';
import { recordAudit } from '../audit';
import type { Database } from '../prisma-client';
import { mirrorRoom, unmirrorRoom } from './mirror';

/** Liveblocks already has a room with this id (409). */
export class RoomExists extends Error {
	constructor(readonly id: string) {
		super(`A room with id ${id} exists`);
	}
}

export class RoomNotFound extends Error {
	constructor(readonly id: string) {
		super(`No room with id ${id}`);
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

async function findRoom(client: Liveblocks, id: string): Promise<RoomData | null> {
	try {
		return await client.getRoom(id);
	} catch (error) {
		if (error instanceof LiveblocksError && error.status === 404) return null;
		throw error;
	}
}

async function initialAccesses(client: Liveblocks, input: NewRoom): Promise<RoomAccesses> {
	if (!input.copyFrom) {
		return {
			defaultAccesses: presetDefaultAccesses(input.preset),
			groupsAccesses: {},
			usersAccesses: {}
		};
	}
	const source = await findRoom(client, input.copyFrom);
	if (!source) throw new RoomNotFound(input.copyFrom);
	const { defaultAccesses, groupsAccesses, usersAccesses } = source;
	return { defaultAccesses, groupsAccesses, usersAccesses };
}

/**
 * Creates the room in Liveblocks, then mirrors and records it. Liveblocks comes first because it
 * is the source of truth: if the database write fails, the next sync brings the room in.
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
	let room: RoomData;
	try {
		room = await client.createRoom(input.id, {
			defaultAccesses: accesses.defaultAccesses as RoomPermission,
			groupsAccesses: accesses.groupsAccesses as Record<string, RoomPermission>,
			usersAccesses: accesses.usersAccesses as Record<string, RoomPermission>,
			metadata: metadataOf(input),
			...(input.organizationId ? { organizationId: input.organizationId } : {})
		});
	} catch (error) {
		if (error instanceof LiveblocksError && error.status === 409) throw new RoomExists(input.id);
		throw error;
	}
	await db.$transaction(async (tx) => {
		await mirrorRoom(tx, room);
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
	return room;
}

/** Deletes the room in Liveblocks (disconnecting everyone in it), then from the index, and records what it was. */
export async function deleteRoom(
	db: Database,
	client: Liveblocks,
	actorId: string,
	id: string
): Promise<void> {
	const before = await findRoom(client, id);
	if (!before) {
		await unmirrorRoom(db, id);
		throw new RoomNotFound(id);
	}
	await client.deleteRoom(id);
	await db.$transaction(async (tx) => {
		await unmirrorRoom(tx, id);
		await recordAudit(tx, {
			actorId,
			action: 'room.deleted',
			target: { type: 'room', id },
			before: roomSnapshot(before)
		});
	});
}
