import type { Prisma } from './prisma/client';
import type { Transaction } from './transaction';

export type AuditEntry = {
	/** null when the system acted on its own (seed, identity-provider sign-up). */
	actorId: string | null;
	action: string;
	target: { type: string; id: string };
	before?: Prisma.InputJsonValue;
	after?: Prisma.InputJsonValue;
};

function row(entry: AuditEntry) {
	return {
		actorId: entry.actorId,
		action: entry.action,
		targetType: entry.target.type,
		targetId: entry.target.id,
		before: entry.before,
		after: entry.after
	};
}

/** Records one change; call it inside the transaction that makes the change. */
export async function recordAudit(tx: Transaction, entry: AuditEntry) {
	await tx.auditEvent.create({ data: row(entry) });
}

/** Records many changes in one statement (bulk actions, imports). */
export async function recordAudits(tx: Transaction, entries: AuditEntry[]) {
	if (entries.length > 0) await tx.auditEvent.createMany({ data: entries.map(row) });
}
