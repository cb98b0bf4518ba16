import { describe, expect, it } from 'vitest';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { hashPassword } from '../passwords';
import { AccountDeactivated, decideSignInAttempt, TooManyAttempts, verifyCredentials } from './credentials';

const database = useMigratedDatabase('credentials');
const password = 'correct horse battery staple';

async function person(status: 'active' | 'deactivated' = 'active') {
	const email = `${crypto.randomUUID()}@example.com`;
	const created = await database.db.person.create({
		data: { email, name: 'P', status, passwordHash: await hashPassword(password) }
	});
	return { id: created.id, email };
}

// A new address for each call: 10.x.y.z from a counter, so no two tests share one by chance.
let addresses = 0;
const address = () => {
	addresses += 1;
	return `10.${(addresses >> 16) & 255}.${(addresses >> 8) & 255}.${addresses & 255}`;
};

const attempt = (email: string, from: string, guess = password) =>
	verifyCredentials(database.db, { email, password: guess, address: from });

/** What each attempt came to: 'checked' (the password was compared and was wrong) or 'refused'. */
async function outcomes(attempts: Promise<{ id: string } | null>[]) {
	const settled = await Promise.allSettled(attempts);
	return settled.map((result) => {
		if (result.status === 'fulfilled') return result.value === null ? 'checked' : 'signed in';
		if (result.reason instanceof TooManyAttempts) return 'refused';
		throw result.reason;
	});
}

const count = (list: string[], value: string) => list.filter((item) => item === value).length;

describe('verifyCredentials', () => {
	it('accepts the right password whatever the case and spaces of the email', async () => {
		const { id, email } = await person();
		expect(await attempt(`  ${email.toUpperCase()} `, address())).toEqual({ id });
	});

	it('returns null for a wrong password or an unknown email', async () => {
		const { email } = await person();
		expect(await attempt(email, address(), 'wrong')).toBeNull();
		expect(await attempt('nobody@example.com', address())).toBeNull();
	});

	it('refuses an address after 5 failures on an account, even the right password, and says until when', async () => {
		const { email } = await person();
		const from = address();
		for (let i = 0; i < 5; i++) expect(await attempt(email, from, 'wrong')).toBeNull();
		const refusal = await attempt(email, from).catch((error: unknown) => error);
		expect(refusal).toBeInstanceOf(TooManyAttempts);
		const waitMs = (refusal as TooManyAttempts).retryAt.getTime() - Date.now();
		expect(waitMs).toBeGreaterThan(14 * 60_000);
		expect(waitMs).toBeLessThanOrEqual(15 * 60_000);
		// Refused attempts do not push the end of the window further out.
		const again = await attempt(email, from).catch((error: unknown) => error);
		expect((again as TooManyAttempts).retryAt).toEqual((refusal as TooManyAttempts).retryAt);
	});

	it('checks at most 5 of 200 parallel wrong passwords for one account from one address', async () => {
		const { email } = await person();
		const from = address();
		const results = await outcomes(Array.from({ length: 200 }, () => attempt(email, from, 'wrong')));
		expect(count(results, 'checked')).toBe(5);
		expect(count(results, 'refused')).toBe(195);
	});

	it('lets exactly 5 of 200 parallel decisions for one account and address check a password', async () => {
		const { email } = await person();
		const from = address();
		const verdicts = await Promise.all(
			Array.from({ length: 200 }, () => decideSignInAttempt(database.db, email, from))
		);
		expect(verdicts.filter((verdict) => verdict.allowed)).toHaveLength(5);
	});

	it('lets at most 10 of 200 parallel guesses from 200 new addresses check one account', async () => {
		const { email } = await person();
		const results = await outcomes(Array.from({ length: 200 }, () => attempt(email, address(), 'wrong')));
		expect(count(results, 'checked')).toBe(10);
	});

	it('lets an admin sign in from elsewhere while one address floods their account with wrong passwords', async () => {
		const { id, email } = await person();
		const attacker = address();
		const results = await outcomes(Array.from({ length: 100 }, () => attempt(email, attacker, 'wrong')));
		expect(count(results, 'checked')).toBe(5);
		await expect(attempt(email, attacker)).rejects.toBeInstanceOf(TooManyAttempts);
		expect(await attempt(email, address())).toEqual({ id });
	});

	it('lets an admin sign in from an address they used before while many addresses guess their password', async () => {
		const { id, email } = await person();
		const home = address();
		expect(await attempt(email, home)).toEqual({ id });
		await outcomes(Array.from({ length: 50 }, () => attempt(email, address(), 'wrong')));
		// A new address is refused for now: the account has had its 10 guesses from new places.
		await expect(attempt(email, address())).rejects.toBeInstanceOf(TooManyAttempts);
		expect(await attempt(email, home)).toEqual({ id });
		expect(await attempt(email, home)).toEqual({ id });
	});

	it('refuses an address after 20 failures across accounts, and only that address', async () => {
		const from = address();
		for (let i = 0; i < 20; i++) await attempt(`guess${i}-${from}@example.com`, from, 'x');
		const { id, email } = await person();
		await expect(attempt(email, from)).rejects.toBeInstanceOf(TooManyAttempts);
		expect(await attempt(email, address())).toEqual({ id });
	});

	it('does not count right passwords against an address, so many people can share one', async () => {
		const office = address();
		for (let i = 0; i < 25; i++) {
			const { id, email } = await person();
			expect(await attempt(email, office)).toEqual({ id });
		}
	});

	it('forgets earlier failures from an address after a successful sign-in from it', async () => {
		const { id, email } = await person();
		const from = address();
		for (let i = 0; i < 4; i++) await attempt(email, from, 'wrong');
		expect(await attempt(email, from)).toEqual({ id });
		for (let i = 0; i < 4; i++) expect(await attempt(email, from, 'wrong')).toBeNull();
		expect(await attempt(email, from)).toEqual({ id });
	});

	it('starts afresh once a used-up window has ended', async () => {
		const { id, email } = await person();
		const from = address();
		const ended = new Date(Date.now() - 1000);
		await database.db.rateLimit.createMany({
			data: [
				{ key: `signin:address:${from}`, count: 20, expiresAt: ended },
				{ key: `signin:address-account:${from}|${email}`, count: 5, expiresAt: ended },
				{ key: `signin:account:${email}`, count: 10, expiresAt: ended }
			]
		});
		expect(await attempt(email, from)).toEqual({ id });
	});

	it('deletes counters whose window has ended, and keeps the running ones', async () => {
		const stale = [`signin:address:stale-${address()}`, `password-change:stale-${address()}`];
		const running = `signin:address:running-${address()}`;
		await database.db.rateLimit.createMany({
			data: [
				{ key: stale[0]!, count: 3, expiresAt: new Date(Date.now() - 1000) },
				{ key: stale[1]!, count: 9, expiresAt: new Date(Date.now() - 30 * 24 * 3600_000) },
				{ key: running, count: 3, expiresAt: new Date(Date.now() + 60_000) }
			]
		});
		await attempt('nobody@example.com', address(), 'wrong');
		const left = await database.db.rateLimit.findMany({ where: { key: { in: [...stale, running] } } });
		expect(left.map((row) => row.key)).toEqual([running]);
		expect(await database.db.rateLimit.count({ where: { expiresAt: { lte: new Date() } } })).toBe(0);
	});

	it('refuses a deactivated person who knows the password', async () => {
		const { email } = await person('deactivated');
		await expect(attempt(email, address())).rejects.toBeInstanceOf(AccountDeactivated);
	});
});
