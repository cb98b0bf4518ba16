import { describe, expect, it } from 'vitest';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { verifyPassword } from '../passwords';
import { changeOwnPassword, generateTemporaryPassword, PasswordChangeRefused } from './password';
import { setTemporaryPassword } from './write';

const database = useMigratedDatabase('people_password');

async function personWithTemporaryPassword(temporary: string) {
	const person = await database.db.person.create({
		data: { email: `${crypto.randomUUID()}@example.com`, name: 'Tess' }
	});
	await setTemporaryPassword(database.db, null, person.id, temporary);
	return person;
}

describe('changeOwnPassword', () => {
	it('replaces a temporary password, lifts the obligation and audits it without any hash', async () => {
		const tess = await personWithTemporaryPassword('temporary password');
		await changeOwnPassword(database.db, tess.id, {
			current: 'temporary password',
			password: 'my own long password'
		});
		const after = await database.db.person.findUniqueOrThrow({ where: { id: tess.id } });
		expect(after.mustChangePassword).toBe(false);
		expect(await verifyPassword(after.passwordHash!, 'my own long password')).toBe(true);
		const event = await database.db.auditEvent.findFirstOrThrow({
			where: { targetId: tess.id, action: 'person.password-changed' }
		});
		expect(event).toMatchObject({
			actorId: tess.id,
			before: { mustChangePassword: true },
			after: { mustChangePassword: false }
		});
		expect(JSON.stringify([event.before, event.after])).not.toContain('argon2');
	});

	it('refuses a wrong current password, then everything for 15 minutes after five', async () => {
		const tess = await personWithTemporaryPassword('temporary password');
		const attempt = (current: string) =>
			changeOwnPassword(database.db, tess.id, { current, password: 'my own long password' });
		for (let i = 0; i < 5; i++) {
			await expect(attempt('guess')).rejects.toMatchObject({ problem: 'wrong-current' });
		}
		await expect(attempt('temporary password')).rejects.toMatchObject({ problem: 'rate-limited' });
		const after = await database.db.person.findUniqueOrThrow({ where: { id: tess.id } });
		expect(after.mustChangePassword).toBe(true);
	});

	it('checks at most 5 of 50 parallel guesses of the current password', async () => {
		const tess = await personWithTemporaryPassword('temporary password');
		const guesses = await Promise.allSettled(
			Array.from({ length: 50 }, () =>
				changeOwnPassword(database.db, tess.id, { current: 'guess', password: 'my own long password' })
			)
		);
		const problems = guesses.map((guess) => (guess.status === 'rejected' ? guess.reason.problem : 'changed'));
		expect(problems.filter((problem) => problem === 'wrong-current')).toHaveLength(5);
		expect(problems.filter((problem) => problem === 'rate-limited')).toHaveLength(45);
		await expect(
			changeOwnPassword(database.db, tess.id, {
				current: 'temporary password',
				password: 'my own long password'
			})
		).rejects.toThrow(/Try again in 15 minutes/);
	});

	it('explains that identity-provider people have no password', async () => {
		const sso = await database.db.person.create({
			data: { email: `${crypto.randomUUID()}@example.com`, name: 'Sso' }
		});
		const change = changeOwnPassword(database.db, sso.id, { current: 'x', password: 'y'.repeat(12) });
		await expect(change).rejects.toBeInstanceOf(PasswordChangeRefused);
		await expect(change).rejects.toMatchObject({ problem: 'no-password' });
	});
});

describe('generateTemporaryPassword', () => {
	it('makes readable, unguessable, different passwords', () => {
		const passwords = new Set(Array.from({ length: 50 }, generateTemporaryPassword));
		expect(passwords.size).toBe(50);
		for (const password of passwords)
			expect(password).toMatch(/^([a-hjkmnp-z2-9]{4}-){3}[a-hjkmnp-z2-9]{4}$/);
	});
});
