// What support sees about one person in one room: what room.getSelf() will report when they join,
// predicted by the access model from the room index, and whether they are connected there now.
import type { Liveblocks } from '@liveblocks/node';
import {
	applyingEntries,
	resolveEffectiveAccess,
	tokenOrganizationId,
	type ApplyingEntry,
	type EffectiveAccess
} from '$lib/access';
import type { LiveblocksIdentity, LiveblocksUserInfo } from '$lib/identity';
import { activeUserIds } from './rooms/active-users';
import { indexedAccesses, roomTitle } from './rooms/list';
import type { DbOrTx } from './transaction';

/** The fields of room.getSelf() that the room's accesses and the ID token decide. */
export type PredictedSelf = { id: string; info: LiveblocksUserInfo; canWrite: boolean; canComment: boolean };

export type RoomInspection = {
	room: { id: string; title: string | null; organizationId: string };
	access: EffectiveAccess;
	/** The room's entries Liveblocks merges for them: the default, their groups it names, their own. */
	entries: ApplyingEntry[];
	/**
	 * The organizationId the endpoint puts in their ID token for this room (none: the default
	 * organization); hosted Liveblocks lets that token into this organization's rooms only.
	 */
	tokenOrganizationId: string | undefined;
	/** null: Liveblocks refuses the connection (4001), so there is no self. */
	self: PredictedSelf | null;
};

/** The prediction for a room of the index, or null when the index does not know the room. */
export async function inspectRoom(
	db: DbOrTx,
	identity: LiveblocksIdentity,
	roomId: string
): Promise<RoomInspection | null> {
	const room = await db.room.findUnique({ where: { id: roomId } });
	if (!room) return null;
	const accesses = indexedAccesses(room);
	const access = resolveEffectiveAccess(accesses, identity);
	return {
		room: { id: room.id, title: roomTitle(room.metadata), organizationId: room.organizationId },
		access,
		entries: applyingEntries(accesses, identity),
		tokenOrganizationId: tokenOrganizationId(room.organizationId),
		self: access.canConnect
			? {
					id: identity.userId,
					info: identity.userInfo,
					canWrite: access.canWrite,
					canComment: access.canComment
				}
			: null
	};
}

/** Whether the person has a connection open in the room now; null when Liveblocks did not say. */
export async function isConnectedNow(
	client: Liveblocks,
	roomId: string,
	userId: string
): Promise<boolean | null> {
	try {
		return (await activeUserIds(client, roomId)).includes(userId);
	} catch {
		return null;
	}
}
