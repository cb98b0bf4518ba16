import { beforeAll, describe, expect, it } from 'vitest';
import { defaultPeopleQuery } from '$lib/people-query';
import { useMigratedDatabase } from '../../../scripts/testing/migrated-database';
import { listGroups } from './groups/list';
import { listMembers } from './groups/read';
import { searchPeople } from './people/find';
import { listPeople } from './people/list';
import { listRoomAudience } from './rooms/audience';

// The paged lists sort names as people read them, "User 2" before "User 10", across pages
// (decision 036): the database keeps a sort key for every name it stores.
const database = useMigratedDatabase('natural_name_order');
// More than a page of 25, created in the reverse of natural order, some in lower case.
const numbered = Array.from({ length: 30 }, (_, n) => (n % 4 ? `User ${n + 1}` : `user ${n + 1}`));
const names = ['Álvaro', 'User 2b', ...numbered.toReversed()];
const natural = [...numbered.slice(0, 2), 'User 2b', ...numbered.slice(2), 'Álvaro'];

beforeAll(async () => {
	await database.db.group.createMany({
		data: ['Team 10', 'Team 9', 'team 1'].map((name) => ({ id: name.replace(' ', '-'), name }))
	});
	for (const [n, name] of names.entries()) {
		await database.db.person.create({
			data: {
				email: `user${n}@example.com`,
				name,
				memberships: { create: { groupId: 'Team-10' } }
			}
		});
	}
});

describe('names in natural order', () => {
	it('pages the people list by name naturally, forward and back', async () => {
		const query = { ...defaultPeopleQuery, size: 25 as const };
		const seen: string[] = [];
		let page = await listPeople(database.db, query);
		seen.push(...page.people.map((person) => person.name));
		while (page.next) {
			page = await listPeople(database.db, { ...query, after: page.next });
			seen.push(...page.people.map((person) => person.name));
		}
		expect(seen).toEqual(natural);
		const back = await listPeople(database.db, { ...query, before: page.previous });
		expect(back.people.map((person) => person.name)).toEqual(natural.slice(0, 25));

		const descending = await listPeople(database.db, { ...query, dir: 'desc' });
		expect(descending.people.map((person) => person.name)).toEqual(natural.toReversed().slice(0, 25));
	});

	it('pages groups and a group’s members naturally', async () => {
		const groups = await listGroups(database.db, { limit: 2 });
		const rest = await listGroups(database.db, { limit: 2, after: groups.next });
		expect([...groups.groups, ...rest.groups].map((group) => group.name)).toEqual([
			'team 1',
			'Team 9',
			'Team 10'
		]);

		const first = await listMembers(database.db, 'Team-10', { limit: 20 });
		const second = await listMembers(database.db, 'Team-10', { limit: 20, after: first.next });
		expect([...first.members, ...second.members].map((member) => member.name)).toEqual(natural);
	});

	it('lists the people with access to a room and the picker’s matches naturally', async () => {
		const room = { defaultAccesses: ['room:read'], groupsAccesses: {}, usersAccesses: {} };
		const query = { q: '', level: null, group: null, everyone: true, size: 25 as const, after: null };
		const { page } = await listRoomAudience(database.db, room, query);
		expect(page.people.map((person) => person.name)).toEqual(natural.slice(0, 25));

		const matches = await searchPeople(database.db, 'user', 40);
		expect(matches.map((person) => person.name)).toEqual(natural);
	});

	it('keeps the order when a name changes, whoever writes it', async () => {
		const person = await database.db.person.findFirstOrThrow({ where: { name: 'User 30' } });
		await database.db.person.update({ where: { id: person.id }, data: { name: 'User 4b' } });
		const page = await listPeople(database.db, { ...defaultPeopleQuery, size: 25 });
		expect(page.people.map((p) => p.name).slice(4, 8)).toEqual(['User 4', 'User 4b', 'user 5', 'User 6']);
		await database.db.person.update({ where: { id: person.id }, data: { name: 'User 30' } });
	});

	it('computes the key only when a name is written, not on every update of the row', async () => {
		const person = await database.db.person.findFirstOrThrow({ where: { name: 'User 7' } });
		// A marker in place of the key stays only if updates of other columns leave the key alone.
		await database.db.$executeRaw`UPDATE "Person" SET "nameSortKey" = 'marker' WHERE "id" = ${person.id}`;
		const keyOf = async () =>
			(await database.db.person.findUniqueOrThrow({ where: { id: person.id } })).nameSortKey;

		await database.db.person.update({ where: { id: person.id }, data: { status: 'deactivated' } });
		expect(await keyOf()).toBe('marker');
		await database.db.person.update({ where: { id: person.id }, data: { name: 'User 7', status: 'active' } });
		expect(await keyOf()).toBe(`user ${'7'.padStart(20, '0')}`);
	});
});
