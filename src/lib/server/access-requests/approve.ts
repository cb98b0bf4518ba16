// Approving a request: the person's own entry in the room set to the chosen level, saved through
// the access editor's conflict-safe save (which audits the room change), then the request marked.
import type { Liveblocks } from '@liveblocks/node';
import {
	resolveEffectiveAccess,
	rowDifferences,
	type AccessProblem,
	type RoomAccesses,
	type RowDifference
} from '$lib/access';
import { withPersonEntry, type RequestLevel } from '$lib/access-requests';
import { accessSummary, type AccessSummary } from '$lib/labels';
import { recordAudit } from '../audit';
import { loadIdentity } from '../identity';
import type { AccessRequest } from '../prisma/client';
import type { Database } from '../prisma-client';
import { accessesOf, openRoom, saveRoomAccess } from '../rooms/access';
import { withTransaction, type DbOrTx } from '../transaction';
import { AccessRequestDecided, AccessRequestNotFound } from './errors';
import { requestReferences, requestSnapshot } from './snapshot';

export type ApprovalPreview = {
	level: RequestLevel;
	/** The room's accesses the preview was computed from: the approval saves only if they still hold. */
	loaded: RoomAccesses;
	/** Exactly what the save will change (the person's own row). */
	changes: RowDifference[];
	/**
	 * What the person gets once approved, as Liveblocks will resolve it for their ID token: usually
	 * the level's own words, more when a group or the default gives more, less when the default or a
	 * group sets one resource lower than the preset does.
	 */
	resulting: AccessSummary;
};

async function pendingRequest(db: DbOrTx, requestId: string): Promise<AccessRequest> {
	const request = await db.accessRequest.findUnique({ where: { id: requestId } });
	if (!request) throw new AccessRequestNotFound(requestId);
	if (request.status !== 'pending') throw new AccessRequestDecided(requestId, request.status);
	return request;
}

async function previewFrom(
	db: DbOrTx,
	request: AccessRequest,
	level: RequestLevel,
	loaded: RoomAccesses
): Promise<ApprovalPreview> {
	const edited = withPersonEntry(loaded, request.personId, level);
	const groupIds = (await loadIdentity(db, request.personId))?.identity.groupIds ?? [];
	return {
		level,
		loaded,
		changes: rowDifferences(loaded, edited),
		resulting: accessSummary(resolveEffectiveAccess(edited, { userId: request.personId, groupIds }))
	};
}

/**
 * What approving `requestId` with `level` would change, computed from the room as Liveblocks has
 * it now (reading it also refreshes the room's index row). Throws RoomNotFound when Liveblocks no
 * longer has the room, LiveblocksUnavailable when it cannot say.
 */
export async function previewApproval(
	db: Database,
	client: Liveblocks,
	requestId: string,
	level: RequestLevel
): Promise<ApprovalPreview> {
	const request = await pendingRequest(db, requestId);
	const room = await openRoom(db, client, request.roomId);
	return previewFrom(db, request, level, accessesOf(room));
}

export type ApprovalResult =
	| { outcome: 'approved'; request: AccessRequest }
	/** The room changed since the preview: nothing was saved; here is the preview from what it has now. */
	| { outcome: 'conflict'; preview: ApprovalPreview }
	/** Liveblocks would refuse the room's accesses with this entry (say, 100 people already). */
	| { outcome: 'invalid'; problems: AccessProblem[] };

/**
 * Approves a pending request: saves the preview's change with saveRoomAccess (refused if the room
 * changed since `loaded` was read), then marks the request approved and audits it. A room that
 * already gave the person exactly this entry is approved without sending anything.
 */
export async function approveRequest(
	db: Database,
	client: Liveblocks,
	adminId: string,
	requestId: string,
	{ level, loaded }: { level: RequestLevel; loaded: RoomAccesses }
): Promise<ApprovalResult> {
	const before = await pendingRequest(db, requestId);
	const edited = withPersonEntry(loaded, before.personId, level);
	const saved = await saveRoomAccess(db, client, adminId, before.roomId, { loaded, edited });
	if (saved.outcome === 'invalid') return saved;
	if (saved.outcome === 'conflict')
		return { outcome: 'conflict', preview: await previewFrom(db, before, level, saved.current) };

	// The room now gives the person this entry, so the request is approved even if another admin
	// declined it during the save: the record says what the person can do.
	const request = await withTransaction(db, async (tx) => {
		const now = await tx.accessRequest.findUnique({ where: { id: requestId } });
		if (!now) throw new AccessRequestNotFound(requestId);
		const after = await tx.accessRequest.update({
			where: { id: requestId },
			data: { status: 'approved', level, declineReason: null, decidedById: adminId, decidedAt: new Date() }
		});
		await recordAudit(tx, {
			actorId: adminId,
			action: 'access-request.approved',
			...requestReferences(after),
			before: requestSnapshot(now),
			after: requestSnapshot(after)
		});
		return after;
	});
	return { outcome: 'approved', request };
}
