import { sortIds } from '$lib/identity';
import { recordAudit } from '../audit';
import type { Transaction } from '../transaction';
import { refuseSelfLockout } from './lockout';
import { PersonNotFound, personSnapshot } from './write';

/**
 * Deletes a person with their group memberships and sign-in links (the database cascades both),
 * recording who they were and which groups they had. Audit events about them stay; events they
 * made as an actor stay without an actor. Admins cannot delete themselves. Run inside a transaction.
 */
export async function deletePerson(tx: Transaction, actorId: string | null, id: string) {
	refuseSelfLockout(actorId, id, 'delete');
	const person = await tx.person.findUnique({
		where: { id },
		include: {
			memberships: { select: { groupId: true } },
			accounts: { select: { provider: true }, orderBy: { provider: 'asc' } }
		}
	});
	if (!person) throw new PersonNotFound(id);
	const before = {
		...personSnapshot(person),
		groupIds: sortIds(person.memberships.map((m) => m.groupId)),
		signIn: { password: person.passwordHash !== null, providers: person.accounts.map((a) => a.provider) }
	};
	// deleteMany: a concurrent deletion makes this one a clear PersonNotFound, not a Prisma error.
	const { count } = await tx.person.deleteMany({ where: { id } });
	if (count === 0) throw new PersonNotFound(id);
	await recordAudit(tx, { actorId, action: 'person.deleted', target: { type: 'person', id }, before });
	return before;
}
