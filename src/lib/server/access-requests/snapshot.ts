import type { AccessRequest } from '../prisma/client';

/** What the audit log keeps of an access request. */
export function requestSnapshot(request: AccessRequest) {
	const { personId, roomId, message, status, level, declineReason } = request;
	return { personId, roomId, message, status, level, declineReason };
}

/** An event about a request is about its room too, so the room's history shows it. */
export const requestReferences = (request: Pick<AccessRequest, 'id' | 'roomId'>) =>
	({
		target: { type: 'access-request', id: request.id },
		related: { type: 'room', id: request.roomId }
	}) as const;
