import type { PersonInput } from '$lib/schemas/person';
import { PersonNotFound } from '../domain-errors';
import type { Database } from '../prisma-client';
import { withTransaction } from '../transaction';
import { refuseSelfLockout } from './lockout';
import { personSnapshot, updatePerson } from './write';

export type ProfileInput = Omit<PersonInput, 'status'>;

/**
 * Saves the person page's profile form. Status has its own action, so a stale form never
 * reactivates someone deactivated meanwhile. Throws EmailTaken when another person has the email.
 */
export function saveProfile(db: Database, actorId: string | null, id: string, input: ProfileInput) {
	return withTransaction(db, async (tx) => {
		const current = await tx.person.findUnique({ where: { id }, select: { status: true } });
		if (!current) throw new PersonNotFound(id);
		const change = { ...input, status: current.status };
		refuseSelfLockout(actorId, id, change);
		return updatePerson(tx, actorId, id, change);
	});
}

/** Deactivates or reactivates a person; it applies on their next request, ID tokens included. */
export function setPersonStatus(
	db: Database,
	actorId: string | null,
	id: string,
	status: PersonInput['status']
) {
	return withTransaction(db, async (tx) => {
		const person = await tx.person.findUnique({ where: { id } });
		if (!person) throw new PersonNotFound(id);
		refuseSelfLockout(actorId, id, { role: person.role, status });
		if (person.status === status) return person;
		return updatePerson(tx, actorId, id, { ...personSnapshot(person), status });
	});
}
