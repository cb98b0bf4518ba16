import type { AccessRequest } from '../prisma/client';

/** What the audit log keeps of an access request. */
export function requestSnapshot(request: AccessRequest) {
	const { personId, roomId, message, status, level, declineReason } = request;
	return { personId, roomId, message, status, level, declineReason };
}

export const requestTarget = (request: Pick<AccessRequest, 'id'>) => ({
	type: 'access-request',
	id: request.id
});
