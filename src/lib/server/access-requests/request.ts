// A person refused in a room asks the admins for access.
import { resolveEffectiveAccess } from '$lib/access';
import { recordAudit } from '../audit';
import type { Database } from '../prisma-client';
import { indexedAccesses } from '../rooms/list';
import type { AccessRequest } from '../prisma/client';
import { withTransaction } from '../transaction';
import { requestReferences, requestSnapshot } from './snapshot';

/** The room index has no room with this id (never synced, or deleted in Liveblocks). */
export class RoomNotIndexed extends Error {
	constructor(readonly roomId: string) {
		super(`Gatehouse knows no room ${roomId}`);
	}
}

/** The person can already enter the room: there is nothing to ask for. */
export class AlreadyHasAccess extends Error {
	constructor(readonly roomId: string) {
		super(`You can already enter ${roomId}`);
	}
}

/** The person as their ID token names them, which is what Liveblocks resolves at the door. */
export type Requester = { userId: string; groupIds: readonly string[] };

/**
 * Records a pending request and its audit event. Refused when the index does not know the room,
 * when the room's accesses (as the index has them) already let the person in, and when they
 * already have a pending request for it (AlreadyRequested, also when two arrive at once).
 */
export function requestAccess(
	db: Database,
	requester: Requester,
	roomId: string,
	message: string | null
): Promise<AccessRequest> {
	return withTransaction(db, async (tx) => {
		const room = await tx.room.findUnique({
			where: { id: roomId },
			select: { defaultAccesses: true, groupsAccesses: true, usersAccesses: true }
		});
		if (!room) throw new RoomNotIndexed(roomId);
		if (resolveEffectiveAccess(indexedAccesses(room), requester).canConnect)
			throw new AlreadyHasAccess(roomId);
		const request = await tx.accessRequest.create({
			data: { personId: requester.userId, roomId, message: message || null }
		});
		await recordAudit(tx, {
			actorId: requester.userId,
			action: 'access-request.created',
			...requestReferences(request),
			after: requestSnapshot(request)
		});
		return request;
	});
}
