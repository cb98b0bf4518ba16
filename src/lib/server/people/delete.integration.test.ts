import { describe, expect, it } from 'vitest';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { recordAudit } from '../audit';
import { PersonNotFound } from '../domain-errors';
import { withTransaction } from '../transaction';
import { deletePerson } from './delete';
import { SelfLockout } from './lockout';

const database = useMigratedDatabase('people_delete');

async function person(options: { groups?: string[]; password?: boolean } = {}) {
	for (const id of options.groups ?? []) {
		await database.db.group.upsert({ where: { id }, update: {}, create: { id, name: id } });
	}
	return database.db.person.create({
		data: {
			email: `${crypto.randomUUID()}@example.com`,
			name: 'Zoe',
			passwordHash: options.password ? 'argon2-hash' : null,
			memberships: { create: (options.groups ?? []).map((groupId) => ({ groupId })) }
		}
	});
}

describe('deletePerson', () => {
	it('deletes the person, their memberships and sign-in links, and records what was lost', async () => {
		const admin = await person();
		const zoe = await person({ groups: ['writers', 'editors'], password: true });
		await database.db.account.create({
			data: { personId: zoe.id, provider: 'github', providerAccountId: zoe.id, type: 'oauth' }
		});
		await withTransaction(database.db, (tx) =>
			recordAudit(tx, { actorId: zoe.id, action: 'group.updated', target: { type: 'group', id: 'writers' } })
		);

		await deletePerson(database.db, admin.id, zoe.id, { removeEntries: true });

		expect(await database.db.person.findUnique({ where: { id: zoe.id } })).toBeNull();
		expect(await database.db.groupMembership.count({ where: { personId: zoe.id } })).toBe(0);
		expect(await database.db.account.count({ where: { personId: zoe.id } })).toBe(0);
		const deleted = await database.db.auditEvent.findFirstOrThrow({
			where: { targetId: zoe.id, action: 'person.deleted' }
		});
		expect(deleted).toMatchObject({
			actorId: admin.id,
			before: {
				email: zoe.email,
				name: 'Zoe',
				role: 'member',
				status: 'active',
				groupIds: ['editors', 'writers'],
				signIn: { password: true, providers: ['github'] }
			}
		});
		expect(JSON.stringify(deleted.before)).not.toContain('argon2-hash');
		// What Zoe did stays in the log, still attributed to her.
		const theirs = await database.db.auditEvent.findFirstOrThrow({
			where: { action: 'group.updated', targetId: 'writers' }
		});
		expect(theirs.actorId).toBe(zoe.id);
	});

	it('refuses an admin deleting themselves and changes nothing', async () => {
		const admin = await person();
		await expect(
			deletePerson(database.db, admin.id, admin.id, { removeEntries: true })
		).rejects.toBeInstanceOf(SelfLockout);
		expect(await database.db.person.count({ where: { id: admin.id } })).toBe(1);
		expect(await database.db.auditEvent.count({ where: { targetId: admin.id } })).toBe(0);
	});

	it('reports a person already gone, also when two deletions race', async () => {
		await expect(
			deletePerson(database.db, 'admin', 'missing', { removeEntries: false })
		).rejects.toBeInstanceOf(PersonNotFound);
		const zoe = await person({ groups: ['racers'] });
		const results = await Promise.allSettled([
			deletePerson(database.db, 'admin', zoe.id, { removeEntries: false }),
			deletePerson(database.db, 'admin', zoe.id, { removeEntries: false })
		]);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
		const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
		expect(refused.reason).toBeInstanceOf(PersonNotFound);
		expect(
			await database.db.auditEvent.count({ where: { targetId: zoe.id, action: 'person.deleted' } })
		).toBe(1);
	});
});
