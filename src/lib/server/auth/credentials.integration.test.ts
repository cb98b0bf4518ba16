import { describe, expect, it } from 'vitest';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { hashPassword } from '../passwords';
import { AccountDeactivated, TooManyAttempts, verifyCredentials } from './credentials';

const database = useMigratedDatabase('credentials');
const password = 'correct horse battery staple';

async function person(status: 'active' | 'deactivated' = 'active') {
	const email = `${crypto.randomUUID()}@example.com`;
	const created = await database.db.person.create({
		data: { email, name: 'P', status, passwordHash: await hashPassword(password) }
	});
	return { id: created.id, email };
}

const address = () => `10.0.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`;

describe('verifyCredentials', () => {
	it('accepts the right password whatever the case and spaces of the email', async () => {
		const { id, email } = await person();
		const result = await verifyCredentials(database.db, {
			email: `  ${email.toUpperCase()} `,
			password,
			address: address()
		});
		expect(result).toEqual({ id });
	});

	it('returns null for a wrong password or an unknown email', async () => {
		const { email } = await person();
		expect(await verifyCredentials(database.db, { email, password: 'wrong', address: address() })).toBeNull();
		expect(
			await verifyCredentials(database.db, { email: 'nobody@example.com', password, address: address() })
		).toBeNull();
	});

	it('locks an account after 5 failures, even against the right password, from any address', async () => {
		const { email } = await person();
		for (let i = 0; i < 5; i++) {
			expect(
				await verifyCredentials(database.db, { email, password: 'wrong', address: address() })
			).toBeNull();
		}
		await expect(
			verifyCredentials(database.db, { email, password, address: address() })
		).rejects.toBeInstanceOf(TooManyAttempts);
	});

	it('locks an address after 20 failures across accounts, and only that address', async () => {
		const from = address();
		for (let i = 0; i < 20; i++) {
			await verifyCredentials(database.db, { email: `guess${i}@example.com`, password: 'x', address: from });
		}
		const { id, email } = await person();
		await expect(verifyCredentials(database.db, { email, password, address: from })).rejects.toBeInstanceOf(
			TooManyAttempts
		);
		expect(await verifyCredentials(database.db, { email, password, address: address() })).toEqual({ id });
	});

	it('forgets earlier failures of an account after a successful sign-in', async () => {
		const { id, email } = await person();
		for (let i = 0; i < 4; i++)
			await verifyCredentials(database.db, { email, password: 'wrong', address: address() });
		expect(await verifyCredentials(database.db, { email, password, address: address() })).toEqual({ id });
		for (let i = 0; i < 4; i++)
			await verifyCredentials(database.db, { email, password: 'wrong', address: address() });
		expect(await verifyCredentials(database.db, { email, password, address: address() })).toEqual({ id });
	});

	it('refuses a deactivated person who knows the password', async () => {
		const { email } = await person('deactivated');
		await expect(
			verifyCredentials(database.db, { email, password, address: address() })
		).rejects.toBeInstanceOf(AccountDeactivated);
	});
});
