import { describe, expect, it } from 'vitest';
import { useMigratedDatabase } from '../../../scripts/testing/migrated-database';
import { createOrResetAdmin } from './admin-bootstrap';
import { verifyPassword } from './passwords';

const database = useMigratedDatabase('admin_bootstrap');

describe('createOrResetAdmin', () => {
	it('creates an active admin who can sign in with the given password', async () => {
		const { id, created } = await createOrResetAdmin(database.db, {
			email: ' First@Example.com ',
			name: 'First',
			password: 'a long enough password'
		});
		expect(created).toBe(true);
		const admin = await database.db.person.findUniqueOrThrow({ where: { id } });
		expect(admin).toMatchObject({ email: 'first@example.com', role: 'admin', status: 'active' });
		expect(await verifyPassword(admin.passwordHash!, 'a long enough password')).toBe(true);
	});

	it('turns a deactivated member back into an active admin with a new password, and audits it', async () => {
		const member = await database.db.person.create({
			data: { email: 'locked@example.com', name: 'Locked', role: 'member', status: 'deactivated' }
		});
		const { id, created } = await createOrResetAdmin(database.db, {
			email: 'locked@example.com',
			password: 'another long password'
		});
		expect({ id, created }).toEqual({ id: member.id, created: false });
		expect(await database.db.person.findUniqueOrThrow({ where: { id } })).toMatchObject({
			role: 'admin',
			status: 'active'
		});
		const audit = await database.db.auditEvent.findFirstOrThrow({ where: { targetId: id } });
		expect(audit).toMatchObject({
			action: 'person.admin-reset',
			before: { role: 'member', status: 'deactivated' }
		});
	});

	it('refuses a short password and changes nothing', async () => {
		await expect(
			createOrResetAdmin(database.db, { email: 'short@example.com', password: 'short' })
		).rejects.toThrow('at least 12 characters');
		expect(await database.db.person.count({ where: { email: 'short@example.com' } })).toBe(0);
	});
});
