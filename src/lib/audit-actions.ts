/**
 * Every action the audit log records, named in the past tense (`<target>.<what happened>`), with
 * the words the log shows for it. Pure, so the page's filter and the server's writers share it:
 * recordAudit accepts only these names.
 */
export const auditActions = {
	'person.created': 'Person created',
	'person.updated': 'Person updated',
	'person.deactivated': 'Person deactivated',
	'person.reactivated': 'Person reactivated',
	'person.deleted': 'Person deleted',
	'person.password-set': 'Temporary password set',
	'person.password-changed': 'Password changed',
	'person.admin-reset': 'Admin reset from the command line',
	'membership.added': 'Added to a group',
	'membership.removed': 'Removed from a group',
	'group.created': 'Group created',
	'group.updated': 'Group updated',
	'group.deleted': 'Group deleted',
	'room.created': 'Room created',
	'room.access-updated': 'Room access changed',
	'room.deleted': 'Room deleted',
	'bulk-job.created': 'Bulk change started',
	'bulk-job.cancelled': 'Bulk change cancelled',
	'bulk-job.resumed': 'Bulk change resumed',
	'access-request.created': 'Access requested',
	'access-request.approved': 'Access request approved',
	'access-request.declined': 'Access request declined',
	'invite.created': 'Invite link made',
	'invite.accepted': 'Invite accepted'
} as const satisfies Record<string, string>;

export type AuditAction = keyof typeof auditActions;

export const auditActionNames = Object.keys(auditActions) as AuditAction[];

export function isAuditAction(value: string): value is AuditAction {
	return Object.hasOwn(auditActions, value);
}

/** The words for an action; a name recorded by a newer version of the app is shown as it is. */
export function auditActionLabel(action: string): string {
	return isAuditAction(action) ? auditActions[action] : action;
}

/** What an event can be about: its target, and what else it concerns (the group of a membership). */
export const auditTargetTypes = ['person', 'group', 'room', 'bulk-job', 'access-request'] as const;
export type AuditTargetType = (typeof auditTargetTypes)[number];
