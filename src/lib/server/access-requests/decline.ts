import { recordAudit } from '../audit';
import type { AccessRequest } from '../prisma/client';
import type { Database } from '../prisma-client';
import { withTransaction } from '../transaction';
import { AccessRequestDecided, AccessRequestNotFound } from './errors';
import { requestReferences, requestSnapshot } from './snapshot';

/** Declines a pending request with the reason the person will read on their home, and records it. */
export function declineRequest(
	db: Database,
	adminId: string,
	requestId: string,
	reason: string
): Promise<AccessRequest> {
	return withTransaction(db, async (tx) => {
		const before = await tx.accessRequest.findUnique({ where: { id: requestId } });
		if (!before) throw new AccessRequestNotFound(requestId);
		// Only a request still pending is declined, even if another admin decides it meanwhile.
		const { count } = await tx.accessRequest.updateMany({
			where: { id: requestId, status: 'pending' },
			data: { status: 'declined', declineReason: reason, decidedById: adminId, decidedAt: new Date() }
		});
		if (count === 0) {
			const now = await tx.accessRequest.findUnique({ where: { id: requestId } });
			if (!now) throw new AccessRequestNotFound(requestId);
			throw new AccessRequestDecided(requestId, now.status as 'approved' | 'declined');
		}
		const after = await tx.accessRequest.findUniqueOrThrow({ where: { id: requestId } });
		await recordAudit(tx, {
			actorId: adminId,
			action: 'access-request.declined',
			...requestReferences(after),
			before: requestSnapshot(before),
			after: requestSnapshot(after)
		});
		return after;
	});
}
