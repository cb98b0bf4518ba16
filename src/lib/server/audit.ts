import type { AuditAction, AuditTargetType } from '$lib/audit-actions';
import type { Prisma } from './prisma/client';
import type { Tx } from './transaction';

export type AuditReference = { type: AuditTargetType; id: string };

export type AuditEntry = {
	/** null when the system acted on its own (seed, identity-provider sign-up). */
	actorId: string | null;
	action: AuditAction;
	target: AuditReference;
	/** What else the event is about, so its history shows it too (the group of a membership). */
	related?: AuditReference;
	before?: Prisma.InputJsonValue;
	after?: Prisma.InputJsonValue;
};

function row(entry: AuditEntry) {
	return {
		actorId: entry.actorId,
		action: entry.action,
		targetType: entry.target.type,
		targetId: entry.target.id,
		relatedType: entry.related?.type,
		relatedId: entry.related?.id,
		before: entry.before,
		after: entry.after
	};
}

/**
 * Records one change, in the transaction that makes it (the type allows no other). Events are never
 * changed or deleted afterwards: the database refuses it (docs/decisions/010-audit-log-append-only.md).
 */
export async function recordAudit(tx: Tx, entry: AuditEntry) {
	await tx.auditEvent.create({ data: row(entry) });
}

/** Records many changes in one statement (bulk actions, imports). */
export async function recordAudits(tx: Tx, entries: AuditEntry[]) {
	if (entries.length > 0) await tx.auditEvent.createMany({ data: entries.map(row) });
}
