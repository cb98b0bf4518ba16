import { CredentialsSignin } from '@auth/sveltekit';
import { normaliseEmail } from '../../email';
import type { Database } from '../prisma-client';
import { hashPassword, verifyPassword } from '../passwords';
import { clearLimits, exceededLimits, recordFailure, type Limit } from '../rate-limit';

export class TooManyAttempts extends CredentialsSignin {
	code = 'rate_limited';
}

export class AccountDeactivated extends CredentialsSignin {
	code = 'deactivated';
}

const fifteenMinutes = 15 * 60_000;

/** Failed sign-ins allowed per account and per client address in a 15-minute window. */
export function signInLimits(email: string, address: string): Limit[] {
	return [
		{ key: `signin:account:${email}`, max: 5, windowMs: fifteenMinutes },
		{ key: `signin:address:${address}`, max: 20, windowMs: fifteenMinutes }
	];
}

// Compared against when the account does not exist, so a wrong email costs as long as a wrong password.
const decoyHash = hashPassword('decoy password, never matches');

/**
 * Checks an email and password. Returns the person's id, null for wrong credentials, or throws
 * when the limits are used up or the account is deactivated.
 */
export async function verifyCredentials(
	db: Database,
	input: { email: string; password: string; address: string }
): Promise<{ id: string } | null> {
	const email = normaliseEmail(input.email);
	const limits = signInLimits(email, input.address);
	if ((await exceededLimits(db, limits)).length > 0) throw new TooManyAttempts();

	const person = await db.person.findUnique({
		where: { email },
		select: { id: true, status: true, passwordHash: true }
	});
	const matches = await verifyPassword(person?.passwordHash ?? (await decoyHash), input.password);
	if (!person?.passwordHash || !matches) {
		await recordFailure(db, limits);
		return null;
	}
	if (person.status !== 'active') throw new AccountDeactivated();
	await clearLimits(db, [limits[0]!.key]);
	return { id: person.id };
}
