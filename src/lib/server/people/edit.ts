import type { PersonInput } from '$lib/schemas/person';
import type { Transaction } from '../transaction';
import { refuseSelfLockout } from './lockout';
import { PersonNotFound, personSnapshot, updatePerson } from './write';

export type ProfileInput = Omit<PersonInput, 'status'>;

/**
 * Saves the person page's profile form. Status has its own action, so a stale form never
 * reactivates someone deactivated meanwhile. Run inside a transaction.
 */
export async function saveProfile(tx: Transaction, actorId: string | null, id: string, input: ProfileInput) {
	const current = await tx.person.findUnique({ where: { id }, select: { status: true } });
	if (!current) throw new PersonNotFound(id);
	const change = { ...input, status: current.status };
	refuseSelfLockout(actorId, id, change);
	return updatePerson(tx, actorId, id, change);
}

/** Deactivates or reactivates a person; it applies on their next request, ID tokens included. */
export async function setPersonStatus(
	tx: Transaction,
	actorId: string | null,
	id: string,
	status: PersonInput['status']
) {
	const person = await tx.person.findUnique({ where: { id } });
	if (!person) throw new PersonNotFound(id);
	refuseSelfLockout(actorId, id, { role: person.role, status });
	if (person.status === status) return person;
	return updatePerson(tx, actorId, id, { ...personSnapshot(person), status });
}
