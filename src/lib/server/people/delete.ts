import { sortIds } from '$lib/identity';
import { recordAudit } from '../audit';
import { PersonNotFound } from '../domain-errors';
import type { Database } from '../prisma-client';
import { queueEntryRemoval } from '../rooms/referencing';
import { withTransaction } from '../transaction';
import { refuseSelfLockout } from './lockout';
import { personSnapshot } from './write';

/**
 * Deletes a person with their group memberships and sign-in links (the database cascades both),
 * recording who they were and which groups they had, and when asked queues the bulk job that
 * removes their entries from every room naming them: all of it commits together. Audit events
 * about them stay; events they made as an actor stay without an actor. Admins cannot delete
 * themselves. Returns what was recorded and the job's id, if any.
 */
export async function deletePerson(
	db: Database,
	actorId: string,
	id: string,
	{ removeEntries }: { removeEntries: boolean }
) {
	refuseSelfLockout(actorId, id, 'delete');
	return withTransaction(db, async (tx) => {
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
		const jobId = removeEntries ? await queueEntryRemoval(tx, actorId, { kind: 'user', id }) : null;
		return { before, jobId };
	});
}
