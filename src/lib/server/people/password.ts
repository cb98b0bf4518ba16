import { randomInt } from 'node:crypto';
import { tryAgainIn } from '../../time';
import { recordAudit } from '../audit';
import { endSessions } from '../auth/sessions';
import { hashPassword, verifyPassword } from '../passwords';
import type { Database } from '../prisma-client';
import { clearLimits, takeAttempt, type Limit } from '../rate-limit';
import { withTransaction } from '../transaction';

export type PasswordChangeProblem = 'wrong-current' | 'no-password' | 'rate-limited';

export class PasswordChangeRefused extends Error {
	constructor(
		readonly problem: PasswordChangeProblem,
		message: string
	) {
		super(message);
	}
}

// Letters and digits nobody confuses when reading a password aloud or off a screen.
const alphabet = 'abcdefghjkmnpqrstuvwxyz23456789';

/** A random password to hand over once, e.g. "k7qm-x3vd-pt9a-wn2h" (about 79 bits). */
export function generateTemporaryPassword(): string {
	const characters = Array.from({ length: 16 }, () => alphabet[randomInt(alphabet.length)]);
	return characters.join('').replace(/(.{4})(?!$)/g, '$1-');
}

/**
 * Wrong current passwords allowed per person, so a left-open session cannot guess it. Counted
 * before the check, so parallel guesses cannot all be checked (docs/decisions/013).
 */
function changeLimits(personId: string): Limit[] {
	return [{ key: `password-change:${personId}`, max: 5, windowMs: 15 * 60_000 }];
}

/**
 * Replaces a person's own password after checking the current one, and lifts the obligation to
 * change a temporary password. Ends every session they had (a stolen cookie stops working) and
 * returns the new session version, for the session that made the change to carry on with.
 * Audited without either hash.
 */
export async function changeOwnPassword(
	db: Database,
	personId: string,
	input: { current: string; password: string }
): Promise<number> {
	const limits = changeLimits(personId);
	const verdict = await takeAttempt(db, limits);
	if (!verdict.allowed) {
		throw new PasswordChangeRefused(
			'rate-limited',
			`Too many wrong passwords. Try again ${tryAgainIn(verdict.retryAt, new Date())}.`
		);
	}
	const person = await db.person.findUnique({
		where: { id: personId },
		select: { passwordHash: true, mustChangePassword: true }
	});
	if (!person?.passwordHash) {
		throw new PasswordChangeRefused(
			'no-password',
			'You sign in through an identity provider; there is no password to change.'
		);
	}
	if (!(await verifyPassword(person.passwordHash, input.current))) {
		throw new PasswordChangeRefused('wrong-current', 'This is not your current password');
	}
	const passwordHash = await hashPassword(input.password);
	const sessionVersion = await withTransaction(db, async (tx) => {
		await tx.person.update({ where: { id: personId }, data: { passwordHash, mustChangePassword: false } });
		await recordAudit(tx, {
			actorId: personId,
			action: 'person.password-changed',
			target: { type: 'person', id: personId },
			before: { mustChangePassword: person.mustChangePassword },
			after: { mustChangePassword: false }
		});
		return endSessions(tx, personId);
	});
	await clearLimits(db, [limits[0]!.key]);
	return sessionVersion;
}

/** Whether the person has a password at all (identity-provider people may not). */
export async function hasPassword(db: Database, personId: string): Promise<boolean> {
	const person = await db.person.findUnique({ where: { id: personId }, select: { passwordHash: true } });
	return Boolean(person?.passwordHash);
}
