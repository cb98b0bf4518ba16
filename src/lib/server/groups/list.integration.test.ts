import { describe, expect, it } from 'vitest';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { listGroups } from './list';
import { findGroup, listMembers } from './read';

const database = useMigratedDatabase('groups_list');

describe('listGroups', () => {
	it('pages through groups by name with member counts from one query', async () => {
		const tag = crypto.randomUUID().slice(0, 8);
		const names = ['Alpha', 'Bravo', 'Charlie', 'Delta', 'Echo'];
		for (const name of names) {
			await database.db.group.create({
				data: { id: `${name.toLowerCase()}-${tag}`, name: `${name} ${tag}` }
			});
		}
		const people = await Promise.all(
			[1, 2, 3].map((n) =>
				database.db.person.create({ data: { email: `${n}-${tag}@example.com`, name: 'P' } })
			)
		);
		await database.db.groupMembership.createMany({
			data: [
				...people.map((p) => ({ personId: p.id, groupId: `bravo-${tag}` })),
				{ personId: people[0]!.id, groupId: `delta-${tag}` }
			]
		});

		const first = await listGroups(database.db, { search: tag, limit: 2 });
		expect(first.groups.map((g) => [g.id, g.memberCount])).toEqual([
			[`alpha-${tag}`, 0],
			[`bravo-${tag}`, 3]
		]);
		const second = await listGroups(database.db, { search: tag, limit: 2, after: first.next });
		expect(second.groups.map((g) => [g.id, g.memberCount])).toEqual([
			[`charlie-${tag}`, 0],
			[`delta-${tag}`, 1]
		]);
		const third = await listGroups(database.db, { search: tag, limit: 2, after: second.next });
		expect(third.groups.map((g) => g.id)).toEqual([`echo-${tag}`]);
		expect(third.next).toBeNull();
	});

	it('searches ids and names case-insensitively, taking wildcards literally', async () => {
		const tag = crypto.randomUUID().slice(0, 8);
		await database.db.group.createMany({
			data: [
				{ id: `readers-${tag}`, name: 'Book club' },
				{ id: `writers-${tag}`, name: `Writers ${tag.toUpperCase()}` },
				{ id: `percent-${tag}`, name: `100% ${tag}` }
			]
		});
		const ids = async (search: string) =>
			(await listGroups(database.db, { search })).groups.map((g) => g.id).sort();
		expect(await ids(`READERS-${tag}`)).toEqual([`readers-${tag}`]);
		expect(await ids(`writers ${tag}`)).toEqual([`writers-${tag}`]);
		expect(await ids(tag)).toEqual([`percent-${tag}`, `readers-${tag}`, `writers-${tag}`]);
		expect(await ids(`100% ${tag}`)).toEqual([`percent-${tag}`]);
		expect(await ids(`1_0% ${tag}`)).toEqual([]);
	});

	it('stays fast with 2,000 groups and 20,000 memberships', async () => {
		const tag = crypto.randomUUID().slice(0, 8);
		await database.db.$executeRaw`
			INSERT INTO "Group" (id, name, "updatedAt")
			SELECT 'bulk-' || ${tag} || '-' || n, 'Bulk ' || lpad(n::text, 4, '0'), now()
			FROM generate_series(1, 2000) AS n`;
		await database.db.$executeRaw`
			INSERT INTO "Person" (id, email, name, "updatedAt")
			SELECT ${tag} || '-' || n, ${tag} || '-' || n || '@example.com', 'Bulk person', now()
			FROM generate_series(1, 1000) AS n`;
		await database.db.$executeRaw`
			INSERT INTO "GroupMembership" ("personId", "groupId")
			SELECT ${tag} || '-' || p, 'bulk-' || ${tag} || '-' || g
			FROM generate_series(1, 1000) AS p, generate_series(1, 20) AS g`;
		await database.db.$executeRaw`ANALYZE`;

		const started = performance.now();
		let page = await listGroups(database.db, { search: `bulk-${tag}` });
		let pages = 1;
		while (page.next) {
			page = await listGroups(database.db, { search: `bulk-${tag}`, after: page.next });
			pages += 1;
		}
		const elapsed = performance.now() - started;
		expect(pages).toBe(40);
		expect(elapsed / pages).toBeLessThan(100);
		const busiest = await listGroups(database.db, { search: `bulk-${tag}-1`, limit: 1 });
		expect(busiest.groups[0]).toMatchObject({ id: `bulk-${tag}-1`, memberCount: 1000 });
	});
});

describe('findGroup and listMembers', () => {
	it('counts members and pages through them by name', async () => {
		const id = `team-${crypto.randomUUID().slice(0, 8)}`;
		await database.db.group.create({ data: { id, name: 'Team', description: 'Us' } });
		for (const name of ['Cleo', 'Ann', 'Bo']) {
			await database.db.person.create({
				data: {
					email: `${name}-${id}@example.com`,
					name,
					memberships: { create: { groupId: id } }
				}
			});
		}
		expect(await findGroup(database.db, id)).toEqual({ id, name: 'Team', description: 'Us', memberCount: 3 });
		expect(await findGroup(database.db, 'missing')).toBeNull();
		const first = await listMembers(database.db, id, { limit: 2 });
		expect(first.members.map((m) => m.name)).toEqual(['Ann', 'Bo']);
		const second = await listMembers(database.db, id, { limit: 2, after: first.next });
		expect(second.members.map((m) => m.name)).toEqual(['Cleo']);
		expect(second.next).toBeNull();
	});
});
