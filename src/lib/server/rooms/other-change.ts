// Who made the change a refused save ran into, and when: from the room's audit log.
import { diffRoomAccess, isEmptyUpdate, type RoomAccesses } from '$lib/access';
import type { OtherChange } from '$lib/rooms/other-change';
import { roomAccessesSchema } from '$lib/schemas/access-request';
import type { DbOrTx } from '../transaction';

const aboutRoom = (roomId: string) => ({ targetType: 'room', targetId: roomId });

/**
 * The id of the newest audit event about the room, read just before the room is: the editor keeps
 * it with the version it loads, so a later conflict looks only at events after it. Ids only grow
 * and a save is audited after Liveblocks has it, so no save the loaded version lacks is before it
 * (unlike a clock, which the app and the database need not agree on). 0 when there is none.
 * (docs/decisions/032-three-way-conflict-view.md)
 */
export async function auditPosition(db: DbOrTx, roomId: string): Promise<bigint> {
	const newest = await db.auditEvent.aggregate({ _max: { id: true }, where: aboutRoom(roomId) });
	return newest._max.id ?? 0n;
}

/**
 * The latest access change to the room audited after `since`, if it left the room as Liveblocks has
 * it now (`current`); otherwise the change was made outside Gatehouse. `viewerId` is who asks, so
 * the view can say "you" of a save from their other tab.
 */
export async function otherChange(
	db: DbOrTx,
	roomId: string,
	since: bigint,
	current: RoomAccesses,
	viewerId: string
): Promise<OtherChange> {
	const event = await db.auditEvent.findFirst({
		where: { ...aboutRoom(roomId), action: 'room.access-updated', id: { gt: since } },
		orderBy: { id: 'desc' }
	});
	const after = roomAccessesSchema.safeParse(event?.after);
	if (!event || !after.success || !isEmptyUpdate(diffRoomAccess(after.data, current)))
		return { by: 'outside' };
	const actor = event.actorId
		? await db.person.findUnique({ where: { id: event.actorId }, select: { id: true, name: true } })
		: null;
	return {
		by: 'gatehouse',
		actor: actor && { name: actor.name, isYou: actor.id === viewerId },
		at: event.createdAt,
		bulkJobId: event.relatedType === 'bulk-job' ? event.relatedId : null
	};
}
