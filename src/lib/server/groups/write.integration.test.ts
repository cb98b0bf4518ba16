import { describe, expect, it } from 'vitest';
import { newGroupSchema } from '$lib/schemas/group';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { GroupIdTaken, GroupNotFound } from '../domain-errors';
import { withTransaction } from '../transaction';
import { addMembersToGroup } from './memberships';
import { createGroup, deleteGroup, deleteGroupWithMembers, updateGroup } from './write';

const database = useMigratedDatabase('groups_write');

const slug = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;

async function person() {
	return database.db.person.create({
		data: { email: `${crypto.randomUUID()}@example.com`, name: 'Member' }
	});
}

describe('groups', () => {
	it('creates a group and its audit event together', async () => {
		const id = slug('designers');
		const group = await createGroup(database.db, null, newGroupSchema.parse({ id, name: ' Designers ' }));
		expect(group).toMatchObject({ id, name: 'Designers', description: '' });
		const events = await database.db.auditEvent.findMany({ where: { targetType: 'group', targetId: id } });
		expect(events).toMatchObject([
			{ action: 'group.created', after: { id, name: 'Designers', description: '' } }
		]);
	});

	it('lets one of two concurrent creations of an id win; the other gets GroupIdTaken and writes nothing', async () => {
		const id = slug('race');
		const results = await Promise.allSettled(
			['First', 'Second'].map((name) => createGroup(database.db, null, { id, name, description: '' }))
		);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
		const refused = results.filter((result) => result.status === 'rejected');
		expect(refused).toHaveLength(1);
		expect((refused[0] as PromiseRejectedResult).reason).toBeInstanceOf(GroupIdTaken);
		expect(await database.db.auditEvent.count({ where: { targetId: id, action: 'group.created' } })).toBe(1);
	});

	it('renames and describes a group, keeping its id, with before and after', async () => {
		const id = slug('ops');
		await createGroup(database.db, null, { id, name: 'Ops', description: '' });
		const actor = await person();
		const after = await updateGroup(database.db, actor.id, id, {
			name: 'Operations',
			description: 'Keeps things running'
		});
		expect(after).toMatchObject({ id, name: 'Operations', description: 'Keeps things running' });
		const event = await database.db.auditEvent.findFirstOrThrow({
			where: { targetId: id, action: 'group.updated' }
		});
		expect(event).toMatchObject({
			actorId: actor.id,
			before: { id, name: 'Ops', description: '' },
			after: { id, name: 'Operations', description: 'Keeps things running' }
		});
	});

	it('refuses to update or delete a group that does not exist', async () => {
		await expect(
			updateGroup(database.db, null, 'nope', { name: 'X', description: '' })
		).rejects.toBeInstanceOf(GroupNotFound);
		await expect(deleteGroup(database.db, 'admin', 'nope', { removeEntries: false })).rejects.toBeInstanceOf(
			GroupNotFound
		);
	});

	it('deletes a group with its memberships, auditing each member and the member count', async () => {
		const id = slug('doomed');
		await createGroup(database.db, null, { id, name: 'Doomed', description: 'Soon gone' });
		const [a, b] = [await person(), await person()];
		await addMembersToGroup(database.db, 'admin', id, [a.id, b.id]);

		const deleted = await deleteGroup(database.db, 'admin', id, { removeEntries: true });

		expect(deleted).toEqual({ memberCount: 2, jobId: null }); // no room names it
		expect(await database.db.group.findUnique({ where: { id } })).toBeNull();
		expect(await database.db.groupMembership.count({ where: { groupId: id } })).toBe(0);
		expect(await database.db.person.count({ where: { id: { in: [a.id, b.id] } } })).toBe(2);
		const event = await database.db.auditEvent.findFirstOrThrow({
			where: { targetId: id, action: 'group.deleted' }
		});
		expect(event.before).toEqual({ id, name: 'Doomed', description: 'Soon gone', memberCount: 2 });
		const removals = await database.db.auditEvent.findMany({
			where: { action: 'membership.removed', before: { path: ['groupId'], equals: id } }
		});
		expect(removals.map((event) => event.targetId).sort()).toEqual([a.id, b.id].sort());
	});

	it('makes a member added while the group is being deleted fail with GroupNotFound rather than outlive it', async () => {
		const id = slug('contended');
		await createGroup(database.db, null, { id, name: 'Contended', description: '' });
		const late = await person();
		let deleted!: () => void;
		let commit!: () => void;
		const groupDeleted = new Promise<void>((resolve) => (deleted = resolve));
		const deletion = withTransaction(database.db, async (tx) => {
			await deleteGroupWithMembers(tx, null, id);
			deleted();
			await new Promise<void>((resolve) => (commit = resolve));
		});
		await groupDeleted;
		const addition = addMembersToGroup(database.db, 'admin', id, [late.id]);
		const refused = expect(addition).rejects.toBeInstanceOf(GroupNotFound); // the foreign key
		await new Promise((resolve) => setTimeout(resolve, 200));
		commit();
		await deletion;
		await refused;
		expect(await database.db.groupMembership.count({ where: { personId: late.id } })).toBe(0);
		expect(await database.db.auditEvent.count({ where: { targetId: late.id } })).toBe(0);
	});
});
