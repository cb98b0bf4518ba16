import type { PersonInput } from '$lib/schemas/person';
import { recordAudit } from '../audit';
import { PersonNotFound } from '../domain-errors';
import { hashPassword } from '../passwords';
import type { Person } from '../prisma/client';
import type { Database } from '../prisma-client';
import { withTransaction, type Tx } from '../transaction';

/** What the audit log keeps of a person: never the password hash. */
export function personSnapshot(person: Person) {
	const { name, email, role, status, avatarUrl, color } = person;
	return { name, email, role, status, avatarUrl, color };
}

/** Creates a person and records it. Throws EmailTaken when the email is taken, even by a racing creation. */
export function createPerson(db: Database, actorId: string | null, input: PersonInput): Promise<Person> {
	return withTransaction(db, (tx) => insertPerson(tx, actorId, input));
}

/** Writes a new person and their audit event in the caller's transaction (the page, an import). */
export async function insertPerson(tx: Tx, actorId: string | null, input: PersonInput): Promise<Person> {
	const person = await tx.person.create({ data: input });
	await recordAudit(tx, {
		actorId,
		action: 'person.created',
		target: { type: 'person', id: person.id },
		after: personSnapshot(person)
	});
	return person;
}

const statusAction = {
	unchanged: 'person.updated',
	active: 'person.reactivated',
	deactivated: 'person.deactivated'
} as const;

/** Changes a person's profile, role or status and records before and after. */
export async function updatePerson(
	tx: Tx,
	actorId: string | null,
	id: string,
	input: PersonInput
): Promise<Person> {
	const before = await tx.person.findUnique({ where: { id } });
	if (!before) throw new PersonNotFound(id);
	const after = await tx.person.update({ where: { id }, data: input });
	await recordAudit(tx, {
		actorId,
		action: statusAction[after.status === before.status ? 'unchanged' : after.status],
		target: { type: 'person', id },
		before: personSnapshot(before),
		after: personSnapshot(after)
	});
	return after;
}

/** Sets a password the person must replace after signing in with it; ends the sessions they had. */
export async function setTemporaryPassword(
	db: Database,
	actorId: string | null,
	id: string,
	password: string
) {
	const passwordHash = await hashPassword(password);
	await withTransaction(db, async (tx) => {
		const updated = await tx.person.updateMany({
			where: { id },
			data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } }
		});
		if (updated.count === 0) throw new PersonNotFound(id);
		await recordAudit(tx, {
			actorId,
			action: 'person.password-set',
			target: { type: 'person', id },
			after: { mustChangePassword: true }
		});
	});
}
