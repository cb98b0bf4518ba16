import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../scripts/services/migrate';
import { useTestDatabase } from '../../../scripts/services/test-postgres';
import { createOrResetAdmin } from './admin-bootstrap';
import { verifyPassword } from './passwords';
import { connectDatabase, type Database } from './prisma-client';

const database = useTestDatabase('admin_bootstrap');
let db: Database;

beforeAll(async () => {
	await applyMigrations(database.url);
	db = connectDatabase(database.url);
});
afterAll(() => db.$disconnect());

describe('createOrResetAdmin', () => {
	it('creates an active admin who can sign in with the given password', async () => {
		const { id, created } = await createOrResetAdmin(db, {
			email: ' First@Example.com ',
			name: 'First',
			password: 'a long enough password'
		});
		expect(created).toBe(true);
		const admin = await db.person.findUniqueOrThrow({ where: { id } });
		expect(admin).toMatchObject({ email: 'first@example.com', role: 'admin', status: 'active' });
		expect(await verifyPassword(admin.passwordHash!, 'a long enough password')).toBe(true);
	});

	it('turns a deactivated member back into an active admin with a new password, and audits it', async () => {
		const member = await db.person.create({
			data: { email: 'locked@example.com', name: 'Locked', role: 'member', status: 'deactivated' }
		});
		const { id, created } = await createOrResetAdmin(db, {
			email: 'locked@example.com',
			password: 'another long password'
		});
		expect({ id, created }).toEqual({ id: member.id, created: false });
		expect(await db.person.findUniqueOrThrow({ where: { id } })).toMatchObject({
			role: 'admin',
			status: 'active'
		});
		const audit = await db.auditEvent.findFirstOrThrow({ where: { targetId: id } });
		expect(audit).toMatchObject({
			action: 'person.admin-reset',
			before: { role: 'member', status: 'deactivated' }
		});
	});

	it('refuses a short password and changes nothing', async () => {
		await expect(createOrResetAdmin(db, { email: 'short@example.com', password: 'short' })).rejects.toThrow(
			'at least 12 characters'
		);
		expect(await db.person.count({ where: { email: 'short@example.com' } })).toBe(0);
	});
});
