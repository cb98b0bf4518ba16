import type { Role } from '$lib/roles';

/** An admin tried to deactivate, demote or delete themselves. */
export class SelfLockout extends Error {
	constructor(
		readonly field: 'role' | 'status' | 'person',
		message: string
	) {
		super(message);
	}
}

/**
 * Admins cannot lock themselves out: with no admin left nobody could undo it short of the
 * command line. Another admin can still make these changes.
 */
export function refuseSelfLockout(
	actorId: string | null,
	targetId: string,
	change: { role: Role; status: 'active' | 'deactivated' } | 'delete'
) {
	if (actorId !== targetId) return;
	if (change === 'delete') {
		throw new SelfLockout('person', 'You cannot delete yourself. Another admin can.');
	}
	if (change.role !== 'admin') {
		throw new SelfLockout('role', 'You cannot remove your own admin role. Another admin can.');
	}
	if (change.status !== 'active') {
		throw new SelfLockout('status', 'You cannot deactivate yourself. Another admin can.');
	}
}
