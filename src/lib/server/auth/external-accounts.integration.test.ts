import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../../scripts/services/migrate';
import { useTestDatabase } from '../../../../scripts/services/test-postgres';
import { connectDatabase, type Database } from '../prisma-client';
import { resolveExternalLogin, type ExternalLogin } from './external-accounts';

const database = useTestDatabase('external_accounts');
let db: Database;

beforeAll(async () => {
	await applyMigrations(database.url);
	db = connectDatabase(database.url);
});
afterAll(() => db.$disconnect());

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
	return db.person.create({ data: { email, name: 'Existing', status } });
}

describe('resolveExternalLogin', () => {
	it('attaches a login to the person with that verified email and remembers the link', async () => {
		const existing = await person();
		const first = login([existing.email.toUpperCase()]);
		expect(await resolveExternalLogin(db, first, false)).toEqual({ personId: existing.id });
		// Later sign-ins find the link even if the provider no longer reports the email.
		expect(await resolveExternalLogin(db, { ...first, verifiedEmails: [] }, false)).toEqual({
			personId: existing.id
		});
	});

	it('refuses an unknown email unless unknown emails are allowed, then creates a member', async () => {
		const email = `${crypto.randomUUID()}@example.com`;
		expect(await resolveExternalLogin(db, login([email]), false)).toEqual({ refused: 'unknown' });
		expect(await db.person.count({ where: { email } })).toBe(0);

		const result = await resolveExternalLogin(db, login([email]), true);
		const created = await db.person.findUniqueOrThrow({ where: { email } });
		expect(result).toEqual({ personId: created.id });
		expect(created).toMatchObject({ role: 'member', status: 'active', name: 'New Name' });
		const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: created.id } });
		expect(audit).toMatchObject({ action: 'person.created', actorId: null, targetType: 'person' });
	});

	it('never matches on an email the provider has not verified', async () => {
		await person();
		expect(await resolveExternalLogin(db, login([]), true)).toEqual({ refused: 'unknown' });
	});

	it('refuses a deactivated person', async () => {
		const gone = await person('deactivated');
		expect(await resolveExternalLogin(db, login([gone.email]), false)).toEqual({ refused: 'deactivated' });
	});
});
