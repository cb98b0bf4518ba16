import { recordAudit } from './audit';
import { normaliseEmail } from '../email';
import { hashPassword } from './passwords';
import type { Database } from './prisma-client';
import { withTransaction } from './transaction';

/**
 * Creates an admin, or makes an existing person an active admin with a new password: the way in
 * for the first admin of a fresh install and for an admin who is locked out.
 */
export async function createOrResetAdmin(
	db: Database,
	input: { email: string; name?: string; password: string }
): Promise<{ id: string; created: boolean }> {
	if (input.password.length < 12) throw new Error('The password must be at least 12 characters.');
	const email = normaliseEmail(input.email);
	const passwordHash = await hashPassword(input.password);
	return withTransaction(db, async (tx) => {
		const existing = await tx.person.findUnique({
			where: { email },
			select: { id: true, role: true, status: true }
		});
		const person = existing
			? await tx.person.update({
					where: { email },
					// A new password ends the sessions signed in with the old one.
					data: { role: 'admin', status: 'active', passwordHash, sessionVersion: { increment: 1 } },
					select: { id: true }
				})
			: await tx.person.create({
					data: { email, name: input.name ?? email, role: 'admin', passwordHash },
					select: { id: true }
				});
		await recordAudit(tx, {
			actorId: null,
			action: existing ? 'person.admin-reset' : 'person.created',
			target: { type: 'person', id: person.id },
			before: existing ? { role: existing.role, status: existing.status } : undefined,
			after: { email, role: 'admin', status: 'active', via: 'admin:create' }
		});
		return { id: person.id, created: !existing };
	});
}
