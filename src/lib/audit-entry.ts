import type { ChangeLine } from './audit-changes';

/** Something an event is about, named as the directory names it now (or last did, once deleted). */
export type AuditSubject = {
	type: string;
	id: string;
	name: string;
	/** False once it was deleted: its page is gone, its history stays. */
	exists: boolean;
};

/** An event as the log shows it and the CSV export writes it. */
export type AuditLogEntry = {
	id: string;
	createdAt: Date;
	action: string;
	actionLabel: string;
	/** null: the system acted on its own (seed, identity-provider sign-up, command line). */
	actor: AuditSubject | null;
	target: AuditSubject;
	related: AuditSubject | null;
	changes: ChangeLine[];
	before: unknown;
	after: unknown;
};
