import type { PersonInput } from '$lib/schemas/person';
import { recordAudit } from '../audit';
import { hashPassword } from '../passwords';
import type { Person } from '../prisma/client';
import { isUniqueViolation, type Transaction } from '../transaction';

/** Another person already has this email (also raised when two admins create it at once). */
export class EmailTaken extends Error {
	constructor(readonly email: string) {
		super(`${email} is already used by another person`);
	}
}

export class PersonNotFound extends Error {
	constructor(readonly id: string) {
		super(`No person with id ${id}`);
	}
}

/** What the audit log keeps of a person: never the password hash. */
export function personSnapshot(person: Person) {
	const { name, email, role, status, avatarUrl, color } = person;
	return { name, email, role, status, avatarUrl, color };
}

/**
 * Creates a person and records it. Run it inside a transaction (`db.$transaction`) so the audit
 * event and the person are written together or not at all.
 */
export async function createPerson(
	tx: Transaction,
	actorId: string | null,
	input: PersonInput
): Promise<Person> {
	try {
		const person = await tx.person.create({ data: input });
		await recordAudit(tx, {
			actorId,
			action: 'person.created',
			target: { type: 'person', id: person.id },
			after: personSnapshot(person)
		});
		return person;
	} catch (error) {
		if (isUniqueViolation(error)) throw new EmailTaken(input.email);
		throw error;
	}
}

const statusAction = {
	unchanged: 'person.updated',
	active: 'person.reactivated',
	deactivated: 'person.deactivated'
} as const;

/** Changes a person's profile, role or status and records before and after. */
export async function updatePerson(
	tx: Transaction,
	actorId: string | null,
	id: string,
	input: PersonInput
): Promise<Person> {
	const before = await tx.person.findUnique({ where: { id } });
	if (!before) throw new PersonNotFound(id);
	try {
		const after = await tx.person.update({ where: { id }, data: input });
		await recordAudit(tx, {
			actorId,
			action: statusAction[after.status === before.status ? 'unchanged' : after.status],
			target: { type: 'person', id },
			before: personSnapshot(before),
			after: personSnapshot(after)
		});
		return after;
	} catch (error) {
		if (isUniqueViolation(error)) throw new EmailTaken(input.email);
		throw error;
	}
}

/** Sets a password the person must replace after signing in with it; ends the sessions they had. */
export async function setTemporaryPassword(
	tx: Transaction,
	actorId: string | null,
	id: string,
	password: string
) {
	const updated = await tx.person.updateMany({
		where: { id },
		data: {
			passwordHash: await hashPassword(password),
			mustChangePassword: true,
			sessionVersion: { increment: 1 }
		}
	});
	if (updated.count === 0) throw new PersonNotFound(id);
	await recordAudit(tx, {
		actorId,
		action: 'person.password-set',
		target: { type: 'person', id },
		after: { mustChangePassword: true }
	});
}
