import { describe, expect, it } from 'vitest';
import { personSchema } from '$lib/schemas/person';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { EmailTaken } from '../domain-errors';
import { addMembersToGroup, removeMembersFromGroup } from '../groups/memberships';
import { saveProfile, setPersonStatus } from './edit';
import { createPerson } from './write';

const database = useMigratedDatabase('people_write');

const input = (email: string, name = 'Mia') => personSchema.parse({ name, email });

describe('people', () => {
	it('creates a person and its audit event together', async () => {
		const person = await createPerson(database.db, null, input('Create@Example.com'));
		expect(person.email).toBe('create@example.com');
		const events = await database.db.auditEvent.findMany({ where: { targetId: person.id } });
		expect(events).toMatchObject([
			{ action: 'person.created', after: { email: 'create@example.com', name: 'Mia' } }
		]);
	});

	it('lets one of two concurrent creations of an email win; the other gets EmailTaken and writes nothing', async () => {
		const email = `race-${crypto.randomUUID()}@example.com`;
		const results = await Promise.allSettled([
			createPerson(database.db, null, input(email, 'First')),
			createPerson(database.db, null, input(email, 'Second'))
		]);
		const created = results.filter((result) => result.status === 'fulfilled');
		const refused = results.filter((result) => result.status === 'rejected');
		expect(created).toHaveLength(1);
		expect(refused).toHaveLength(1);
		expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(EmailTaken);
		expect((refused[0] as PromiseRejectedResult).reason.message).toMatch(/^That email is taken/);
		expect(await database.db.person.count({ where: { email } })).toBe(1);
		const audits = await database.db.auditEvent.findMany({
			where: { action: 'person.created', after: { path: ['email'], equals: email } }
		});
		expect(audits).toHaveLength(1);
	});

	it('refuses to move a person onto an email someone else has', async () => {
		const taken = await createPerson(database.db, null, input(`taken-${crypto.randomUUID()}@example.com`));
		const other = await createPerson(database.db, null, input(`other-${crypto.randomUUID()}@example.com`));
		await expect(saveProfile(database.db, null, other.id, input(taken.email))).rejects.toBeInstanceOf(
			EmailTaken
		);
	});

	it('records a deactivation with before and after', async () => {
		const person = await createPerson(database.db, null, input(`off-${crypto.randomUUID()}@example.com`));
		await setPersonStatus(database.db, null, person.id, 'deactivated');
		const event = await database.db.auditEvent.findFirstOrThrow({
			where: { targetId: person.id, action: 'person.deactivated' }
		});
		expect(event).toMatchObject({ before: { status: 'active' }, after: { status: 'deactivated' } });
	});

	it('adds and removes members once each, auditing only real changes', async () => {
		const group = await database.db.group.create({ data: { id: `g-${crypto.randomUUID()}`, name: 'G' } });
		const a = await createPerson(database.db, null, input(`a-${crypto.randomUUID()}@example.com`));
		const b = await createPerson(database.db, null, input(`b-${crypto.randomUUID()}@example.com`));
		expect(await addMembersToGroup(database.db, 'admin', group.id, [a.id])).toEqual([a.id]);
		expect(await addMembersToGroup(database.db, 'admin', group.id, [a.id, b.id, b.id])).toEqual([b.id]);
		expect(await removeMembersFromGroup(database.db, 'admin', group.id, [a.id])).toEqual([a.id]);
		const events = await database.db.auditEvent.findMany({
			where: { action: { startsWith: 'membership.' }, targetId: { in: [a.id, b.id] } },
			orderBy: { id: 'asc' }
		});
		expect(events.map((e) => [e.action, e.targetId])).toEqual([
			['membership.added', a.id],
			['membership.added', b.id],
			['membership.removed', a.id]
		]);
	});
});
