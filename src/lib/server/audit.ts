import type { Prisma } from './prisma/client';
import type { Database } from './prisma-client';

type Transaction = Prisma.TransactionClient | Database;

export type AuditEntry = {
	/** null when the system acted on its own (seed, identity-provider sign-up). */
	actorId: string | null;
	action: string;
	target: { type: string; id: string };
	before?: Prisma.InputJsonValue;
	after?: Prisma.InputJsonValue;
};

/** Records one change; call it inside the transaction that makes the change. */
export async function recordAudit(tx: Transaction, entry: AuditEntry) {
	await tx.auditEvent.create({
		data: {
			actorId: entry.actorId,
			action: entry.action,
			targetType: entry.target.type,
			targetId: entry.target.id,
			before: entry.before,
			after: entry.after
		}
	});
}
