import { CredentialsSignin } from '@auth/sveltekit';
import { normaliseEmail } from '../../email';
import type { Database } from '../prisma-client';
import { hashPassword, verifyPassword } from '../passwords';
import {
	clearLimits,
	isRemembered,
	refundAttempt,
	remember,
	removeExpiredLimits,
	takeAttempt,
	type Limit,
	type Verdict
} from '../rate-limit';
import { clientNetwork } from './client-network';

export class TooManyAttempts extends CredentialsSignin {
	code = 'rate_limited';
	constructor(readonly retryAt: Date) {
		super();
	}
}

export class AccountDeactivated extends CredentialsSignin {
	code = 'deactivated';
}

const fifteenMinutes = 15 * 60_000;
const thirtyDays = 30 * 24 * 60 * 60_000;

// The network comes first in the keys: it never contains '|', so no email makes two keys equal.
function keys(email: string, address: string) {
	const network = clientNetwork(address);
	return {
		address: `signin:address:${network}`,
		pair: `signin:address-account:${network}|${email}`,
		account: `signin:account:${email}`,
		known: `signin:known:${network}|${email}`
	};
}

/**
 * The limits an attempt to sign in to `email` from `address` counts against, in the order they
 * are counted (docs/decisions/013-sign-in-limits.md). An address here is its network
 * (`clientNetwork`: an IPv6 address's /64).
 * - 20 attempts per address across accounts, so one address cannot spray passwords;
 * - 5 per address and account, so guessing from here stops without touching other addresses;
 * - 10 per account across addresses that have never signed in to it, against guessing from many
 *   addresses. Addresses the person signed in from in the last 30 days skip this one, so nobody
 *   elsewhere can lock a person out of the places they use.
 * Right passwords are given back, so only failures use the limits up.
 */
export function signInLimits(email: string, address: string, known: boolean): Limit[] {
	const key = keys(email, address);
	const limits = [
		{ key: key.address, max: 20, windowMs: fifteenMinutes },
		{ key: key.pair, max: 5, windowMs: fifteenMinutes }
	];
	if (!known) limits.push({ key: key.account, max: 10, windowMs: fifteenMinutes });
	return limits;
}

/**
 * Whether this attempt may check a password: counts it against the limits in one statement
 * before any password is checked, so parallel attempts cannot all pass one check.
 */
export async function decideSignInAttempt(
	db: Database,
	email: string,
	address: string
): Promise<Verdict & { limits: Limit[] }> {
	const known = await isRemembered(db, keys(email, address).known);
	const limits = signInLimits(email, address, known);
	return { ...(await takeAttempt(db, limits)), limits };
}

/**
 * After a right password: the attempt was no guess, so it is given back; the address's earlier
 * failures on this account are forgotten, and the address is known to this account for 30 days.
 * One statement per row, in the attempt's order, so this never deadlocks with attempts.
 */
async function recordRightPassword(db: Database, email: string, address: string, limits: Limit[]) {
	const key = keys(email, address);
	await refundAttempt(db, key.address);
	await clearLimits(db, [key.pair]);
	if (limits.some((limit) => limit.key === key.account)) await refundAttempt(db, key.account);
	await remember(db, key.known, thirtyDays);
}

// Compared against when the account does not exist, so a wrong email costs as long as a wrong password.
const decoyHash = hashPassword('decoy password, never matches');

/**
 * Checks an email and password. Returns the person's id, null for wrong credentials, or throws
 * when the limits are used up (saying when to try again) or the account is deactivated.
 */
export async function verifyCredentials(
	db: Database,
	input: { email: string; password: string; address: string }
): Promise<{ id: string } | null> {
	const email = normaliseEmail(input.email);
	const verdict = await decideSignInAttempt(db, email, input.address);
	if (!verdict.allowed) throw new TooManyAttempts(verdict.retryAt);
	// A password check costs far more than this, so old counters go while we are here.
	await removeExpiredLimits(db);

	const person = await db.person.findUnique({
		where: { email },
		select: { id: true, status: true, passwordHash: true }
	});
	const matches = await verifyPassword(person?.passwordHash ?? (await decoyHash), input.password);
	if (!person?.passwordHash || !matches) return null;
	await recordRightPassword(db, email, input.address, verdict.limits);
	if (person.status !== 'active') throw new AccountDeactivated();
	return { id: person.id };
}
