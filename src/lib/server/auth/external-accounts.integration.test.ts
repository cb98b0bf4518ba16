import { describe, expect, it } from 'vitest';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { resolveExternalLogin, type ExternalLogin } from './external-accounts';

const database = useMigratedDatabase('external_accounts');

function login(verifiedEmails: string[]): ExternalLogin {
	return {
		provider: 'oidc',
		providerAccountId: crypto.randomUUID(),
		type: 'oidc',
		verifiedEmails,
		name: 'New Name'
	};
}

async function person(status: 'active' | 'deactivated' = 'active') {
	const email = `${crypto.randomUUID()}@example.com`;
	return database.db.person.create({ data: { email, name: 'Existing', status } });
}

describe('resolveExternalLogin', () => {
	it('attaches a login to the person with that verified email and remembers the link', async () => {
		const existing = await person();
		const first = login([existing.email.toUpperCase()]);
		expect(await resolveExternalLogin(database.db, first, false)).toEqual({ personId: existing.id });
		// Later sign-ins find the link even if the provider no longer reports the email.
		expect(await resolveExternalLogin(database.db, { ...first, verifiedEmails: [] }, false)).toEqual({
			personId: existing.id
		});
	});

	it('refuses an unknown email unless unknown emails are allowed, then creates a member', async () => {
		const email = `${crypto.randomUUID()}@example.com`;
		expect(await resolveExternalLogin(database.db, login([email]), false)).toEqual({ refused: 'unknown' });
		expect(await database.db.person.count({ where: { email } })).toBe(0);

		const result = await resolveExternalLogin(database.db, login([email]), true);
		const created = await database.db.person.findUniqueOrThrow({ where: { email } });
		expect(result).toEqual({ personId: created.id });
		expect(created).toMatchObject({ role: 'member', status: 'active', name: 'New Name' });
		const audit = await database.db.auditEvent.findFirstOrThrow({ where: { targetId: created.id } });
		expect(audit).toMatchObject({ action: 'person.created', actorId: null, targetType: 'person' });
	});

	it('never matches on an email the provider has not verified', async () => {
		await person();
		expect(await resolveExternalLogin(database.db, login([]), true)).toEqual({ refused: 'unknown' });
	});

	it('refuses a deactivated person', async () => {
		const gone = await person('deactivated');
		expect(await resolveExternalLogin(database.db, login([gone.email]), false)).toEqual({
			refused: 'deactivated'
		});
	});
});
