import type { AccessRequestStatus } from '../prisma/client';

export class AccessRequestNotFound extends Error {
	constructor(readonly id: string) {
		super(`No access request ${id}`);
	}
}

/** Only a pending request can be approved or declined. */
export class AccessRequestDecided extends Error {
	constructor(
		readonly id: string,
		readonly status: Exclude<AccessRequestStatus, 'pending'>
	) {
		super(`The request was already ${status}`);
	}
}
