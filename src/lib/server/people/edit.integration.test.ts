import { describe, expect, it } from 'vitest';
import { personSchema } from '$lib/schemas/person';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { saveProfile, setPersonStatus } from './edit';
import { SelfLockout } from './lockout';
import { createPerson } from './write';

const database = useMigratedDatabase('people_edit');

function create(role: 'admin' | 'member' = 'member', status: 'active' | 'deactivated' = 'active') {
	return createPerson(
		database.db,
		null,
		personSchema.parse({ name: 'Ada', email: `${crypto.randomUUID()}@example.com`, role, status })
	);
}

describe('saveProfile', () => {
	it('changes the profile but never the status, so a stale form cannot reactivate anyone', async () => {
		const ada = await create('member', 'deactivated');
		const saved = await saveProfile(database.db, null, ada.id, {
			name: 'Ada L.',
			email: ada.email,
			role: 'support',
			avatarUrl: null,
			color: '#112233'
		});
		expect(saved).toMatchObject({ name: 'Ada L.', role: 'support', color: '#112233', status: 'deactivated' });
	});

	it('refuses an admin demoting themselves', async () => {
		const admin = await create('admin');
		const demotion = saveProfile(database.db, admin.id, admin.id, {
			name: admin.name,
			email: admin.email,
			role: 'member',
			avatarUrl: null,
			color: null
		});
		await expect(demotion).rejects.toMatchObject({ field: 'role' });
		await expect(demotion).rejects.toBeInstanceOf(SelfLockout);
		expect((await database.db.person.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe('admin');
	});

	it('lets an admin edit their own name', async () => {
		const admin = await create('admin');
		const saved = await saveProfile(database.db, admin.id, admin.id, {
			name: 'New name',
			email: admin.email,
			role: 'admin',
			avatarUrl: null,
			color: null
		});
		expect(saved.name).toBe('New name');
	});
});

describe('setPersonStatus', () => {
	it('deactivates and reactivates with an audit event each, and ignores a no-op', async () => {
		const admin = await create('admin');
		const ada = await create();
		await setPersonStatus(database.db, admin.id, ada.id, 'deactivated');
		await setPersonStatus(database.db, admin.id, ada.id, 'deactivated');
		await setPersonStatus(database.db, admin.id, ada.id, 'active');
		const events = await database.db.auditEvent.findMany({
			where: { targetId: ada.id, actorId: admin.id },
			orderBy: { id: 'asc' }
		});
		expect(events.map((e) => e.action)).toEqual(['person.deactivated', 'person.reactivated']);
		expect(events[0]).toMatchObject({ before: { status: 'active' }, after: { status: 'deactivated' } });
	});

	it('refuses an admin deactivating themselves', async () => {
		const admin = await create('admin');
		await expect(setPersonStatus(database.db, admin.id, admin.id, 'deactivated')).rejects.toMatchObject({
			field: 'status',
			message: 'You cannot deactivate yourself. Another admin can.'
		});
	});
});
