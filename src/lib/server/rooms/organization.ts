// Which organization an ID token for a room must carry (docs/decisions/022-organizations-in-id-tokens.md).
import type { Liveblocks } from '@liveblocks/node';
import { tokenOrganizationId } from '$lib/access';
import { LiveblocksUnavailable, readRoom, RoomNotFound } from '../liveblocks';
import { Prisma } from '../prisma/client';

/** The endpoint's wait for Liveblocks when the index does not know a room: a token is waited on. */
export const organizationLookupTimeoutMs = 3_000;

/**
 * The room's organization as the index has it ('default', or '' for none named), or NULL when the
 * index does not know the room or there is none: a primary-key read, as a column of the ID-token
 * endpoint's one statement (loadTokenHolder).
 */
export function selectRoomOrganization(roomId: string | undefined): Prisma.Sql {
	return Prisma.sql`(SELECT "organizationId" FROM "Room" WHERE id = ${roomId ?? null})`;
}

/**
 * The organizationId of an ID token for `roomId`: from the index (`indexed`, selectRoomOrganization), else from Liveblocks (a room not
 * synced yet); none for the default organization, a room nobody has, or no room at all. Throws
 * LiveblocksUnavailable when the index misses and Liveblocks cannot say (down, slow, 5xx, 429): a token for the wrong
 * organization would be refused at the room's door for a reason nobody could see.
 */
export async function tokenOrganizationForRoom(
	client: Liveblocks,
	roomId: string | undefined,
	indexed: string | null
): Promise<string | undefined> {
	if (roomId === undefined) return undefined;
	if (indexed !== null) return tokenOrganizationId(indexed);
	try {
		const room = await readRoom(client, roomId, { timeoutMs: organizationLookupTimeoutMs });
		return tokenOrganizationId(room.organizationId);
	} catch (problem) {
		if (problem instanceof RoomNotFound) return undefined;
		// Liveblocks refused the read itself (a revoked secret key): identifyUser, with the same
		// key, is refused too, and that refusal is passed on to the caller as the guide does.
		if (problem instanceof LiveblocksUnavailable && isRefusal(problem.status)) return undefined;
		throw problem;
	}
}

/** A 4xx that trying again will not change (429 says "later"). */
function isRefusal(status: number | undefined): boolean {
	return status !== undefined && status >= 400 && status < 500 && status !== 429;
}
