import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPeopleQuery, filterOf, type PeopleFilter } from '$lib/people-query';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { GroupNotFound } from '../domain-errors';
import {
	bulkAddToGroup,
	bulkDeactivate,
	bulkRemoveFromGroup,
	countToDeactivate,
	countToRemove
} from './bulk';

const database = useMigratedDatabase('people_bulk');

let actorId: string;

beforeAll(async () => {
	const actor = await database.db.person.create({
		data: { email: 'actor@example.com', name: 'Bulk Actor', role: 'admin' }
	});
	actorId = actor.id;
});

/** `count` people whose names share a fresh prefix, so a search finds exactly them. */
async function people(count: number, status: 'active' | 'deactivated' = 'active') {
	const prefix = `bulk-${crypto.randomUUID().slice(0, 8)}`;
	await database.db.person.createMany({
		data: Array.from({ length: count }, (_, n) => ({
			name: `${prefix} ${n}`,
			email: `${prefix}-${n}@example.com`,
			status
		}))
	});
	const rows = await database.db.person.findMany({
		where: { name: { startsWith: prefix } },
		orderBy: { id: 'asc' }
	});
	return { prefix, ids: rows.map((row) => row.id), filter: filterOf({ ...defaultPeopleQuery, q: prefix }) };
}

async function group() {
	const id = `g-${crypto.randomUUID().slice(0, 8)}`;
	await database.db.group.create({ data: { id, name: id } });
	return id;
}

const members = async (groupId: string) =>
	(await database.db.groupMembership.findMany({ where: { groupId }, orderBy: { personId: 'asc' } })).map(
		(m) => m.personId
	);

const auditsOf = (action: string, ids: readonly string[]) =>
	database.db.auditEvent.findMany({ where: { action, targetId: { in: [...ids] } }, orderBy: { id: 'asc' } });

describe('bulk membership changes', () => {
	it('adds picked people, counting only those not already members, each audited', async () => {
		const { ids } = await people(3);
		const groupId = await group();
		await database.db.groupMembership.create({ data: { groupId, personId: ids[1]! } });

		const result = await bulkAddToGroup(database.db, actorId, groupId, { ids: [...ids, ids[0]!] });

		expect(result).toEqual({ targeted: 3, changed: 2, group: { id: groupId, name: groupId } });
		expect(await members(groupId)).toEqual(ids);
		const audits = await auditsOf('membership.added', ids);
		expect(audits.map((a) => [a.targetId, a.actorId, a.after])).toEqual(
			[ids[0], ids[2]].map((id) => [id, actorId, { groupId }])
		);
	});

	it('ignores picked ids of people who no longer exist', async () => {
		const { ids } = await people(1);
		const groupId = await group();
		expect(
			await bulkAddToGroup(database.db, actorId, groupId, { ids: [ids[0]!, 'deleted-meanwhile'] })
		).toMatchObject({
			targeted: 1,
			changed: 1
		});
	});

	it('adds and removes everyone matching a filter at the time of the action', async () => {
		const { ids, filter, prefix } = await people(5);
		const groupId = await group();
		expect(await bulkAddToGroup(database.db, actorId, groupId, { filter })).toMatchObject({
			targeted: 5,
			changed: 5
		});

		// Someone who starts matching after the page was shown is included.
		const late = await database.db.person.create({
			data: { name: `${prefix} late`, email: `${prefix}-late@example.com` }
		});
		const inGroup: PeopleFilter = { ...filter, group: groupId };
		expect(await bulkRemoveFromGroup(database.db, actorId, groupId, { filter })).toMatchObject({
			targeted: 6,
			changed: 5
		});
		expect(await members(groupId)).toEqual([]);
		expect(await auditsOf('membership.removed', [...ids, late.id])).toHaveLength(5);
		expect(await bulkRemoveFromGroup(database.db, actorId, groupId, { filter: inGroup })).toMatchObject({
			targeted: 0,
			changed: 0
		});
	});

	it('counts, before a removal, exactly the members it would remove', async () => {
		const { ids, filter } = await people(4);
		const groupId = await group();
		const otherGroup = await group();
		await database.db.groupMembership.createMany({
			data: [ids[0]!, ids[2]!].map((personId) => ({ groupId, personId }))
		});
		await database.db.groupMembership.create({ data: { groupId: otherGroup, personId: ids[1]! } });

		expect(await countToRemove(database.db, groupId, { ids: [ids[0]!, ids[1]!] })).toEqual({
			group: { id: groupId, name: groupId },
			count: 1
		});
		// A filter on another group counts the members of both.
		const inOther: PeopleFilter = { ...filter, group: otherGroup };
		expect((await countToRemove(database.db, groupId, { filter })).count).toBe(2);
		expect((await countToRemove(database.db, groupId, { filter: inOther })).count).toBe(0);
		expect((await countToRemove(database.db, groupId, { filter })).count).toBe(
			(await bulkRemoveFromGroup(database.db, actorId, groupId, { filter })).changed
		);
		await expect(countToRemove(database.db, 'no-such-group', { ids })).rejects.toBeInstanceOf(GroupNotFound);
	});

	it('refuses a group that does not exist and changes nothing', async () => {
		const { ids } = await people(2);
		await expect(bulkAddToGroup(database.db, actorId, 'no-such-group', { ids })).rejects.toEqual(
			new GroupNotFound('no-such-group')
		);
		await expect(bulkRemoveFromGroup(database.db, actorId, 'no-such-group', { ids })).rejects.toBeInstanceOf(
			GroupNotFound
		);
		expect(await database.db.auditEvent.count({ where: { targetId: { in: ids } } })).toBe(0);
	});
});

describe('bulk deactivation', () => {
	it('deactivates the active people picked, with before and after, and never the actor', async () => {
		const active = await people(2);
		const already = await people(1, 'deactivated');

		const result = await bulkDeactivate(database.db, actorId, {
			ids: [...active.ids, ...already.ids, actorId]
		});

		expect(result).toEqual({ targeted: 3, changed: 2, skippedSelf: true });
		const statuses = await database.db.person.findMany({
			where: { id: { in: [...active.ids, ...already.ids, actorId] } },
			select: { id: true, status: true }
		});
		expect(Object.fromEntries(statuses.map((p) => [p.id, p.status]))).toEqual({
			[active.ids[0]!]: 'deactivated',
			[active.ids[1]!]: 'deactivated',
			[already.ids[0]!]: 'deactivated',
			[actorId]: 'active'
		});
		const audits = await auditsOf('person.deactivated', [...active.ids, ...already.ids, actorId]);
		expect(audits.map((a) => a.targetId).sort()).toEqual(active.ids);
		expect(audits[0]).toMatchObject({
			actorId,
			before: { status: 'active', name: expect.stringContaining(active.prefix) },
			after: { status: 'deactivated', name: expect.stringContaining(active.prefix) }
		});
	});

	it('leaves the actor active when a filter matches them too', async () => {
		const matchingActor = { filter: filterOf({ ...defaultPeopleQuery, q: 'Bulk Actor' }) };
		expect(await countToDeactivate(database.db, actorId, matchingActor)).toBe(0);
		expect(await bulkDeactivate(database.db, actorId, matchingActor)).toEqual({
			targeted: 0,
			changed: 0,
			skippedSelf: true
		});
		expect((await database.db.person.findUniqueOrThrow({ where: { id: actorId } })).status).toBe('active');
	});

	it('deactivates thousands matching a filter in one transaction, one audit event each', async () => {
		const { ids, filter } = await people(4500);
		expect(await countToDeactivate(database.db, actorId, { filter })).toBe(4500);
		const result = await bulkDeactivate(database.db, actorId, { filter });
		expect(result).toEqual({ targeted: 4500, changed: 4500, skippedSelf: false });
		expect(await database.db.person.count({ where: { id: { in: ids }, status: 'active' } })).toBe(0);
		expect(
			await database.db.auditEvent.count({ where: { action: 'person.deactivated', targetId: { in: ids } } })
		).toBe(4500);
	});
});
