import { beforeAll, describe, expect, it } from 'vitest';
import {
	defaultPeopleQuery,
	matchingCountLimit,
	type PeopleFilter,
	type PeopleQuery,
	type PeopleSort
} from '$lib/people-query';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { encodeCursor } from '../keyset-cursor';
import { Prisma } from '../prisma/client';
import { peopleFilterSql } from './filter';
import { countPeople, listPeople, listPeopleWithCount } from './list';

// This file's database holds only what it seeds here, so whole-table orders can be checked.
const database = useMigratedDatabase('people_list');

const names = [
	'Ada Lovelace',
	'ada byron',
	'Zoë Ångström',
	'Grace Hopper',
	'50% Off_Sale',
	"O'Neil",
	...Array.from({ length: 12 }, () => 'Same Name'),
	...Array.from({ length: 42 }, (_, n) => `Person ${String(n).padStart(2, '0')}`)
];

beforeAll(async () => {
	const db = database.db;
	await db.group.createMany({
		data: [
			{ id: 'design', name: 'Design' },
			{ id: 'alpha', name: 'Alpha team' },
			{ id: 'empty', name: 'Nobody' }
		]
	});
	const base = Date.parse('2026-01-01T00:00:00.000Z');
	await db.person.createMany({
		data: names.map((name, n) => ({
			id: `p${String(n).padStart(3, '0')}`,
			name,
			email: `user${n}@${n % 2 ? 'Example.com' : 'corp.test'}`.toLowerCase(),
			role: n % 10 === 0 ? 'admin' : n % 10 === 1 ? 'support' : 'member',
			status: n % 7 === 3 ? 'deactivated' : 'active',
			// Ties on purpose: three people share each creation instant.
			createdAt: new Date(base + Math.floor(n / 3) * 1000 + 0.5)
		}))
	});
	await db.groupMembership.createMany({
		data: names.flatMap((_, n) => [
			...(n % 3 === 0 ? [{ personId: `p${String(n).padStart(3, '0')}`, groupId: 'design' }] : []),
			...(n % 4 === 0 ? [{ personId: `p${String(n).padStart(3, '0')}`, groupId: 'alpha' }] : [])
		])
	});
});

const columns: Record<PeopleSort, string> = { name: '"nameSortKey"', email: 'email', created: '"createdAt"' };

/** The whole list in PostgreSQL's own order: what paging must reproduce, page by page. */
async function referenceOrder(sort: PeopleSort, dir: 'asc' | 'desc'): Promise<string[]> {
	const order = Prisma.raw(`${columns[sort]} ${dir}, id ${dir}`);
	const rows = await database.db.$queryRaw<{ id: string }[]>`SELECT id FROM "Person" ORDER BY ${order}`;
	return rows.map((row) => row.id);
}

const query = (overrides: Partial<PeopleQuery> = {}): PeopleQuery => ({
	...defaultPeopleQuery,
	size: 25,
	...overrides
});

describe('listPeople', () => {
	it.each([
		['name', 'asc'],
		['name', 'desc'],
		['email', 'asc'],
		['email', 'desc'],
		['created', 'asc'],
		['created', 'desc']
	] as const)('pages through everyone by %s %s with Next, and back with Previous', async (sort, dir) => {
		const expected = await referenceOrder(sort, dir);
		const pages: string[][] = [];
		let current = await listPeople(database.db, query({ sort, dir }));
		expect(current.previous).toBeNull();
		pages.push(current.people.map((p) => p.id));
		while (current.next) {
			current = await listPeople(database.db, query({ sort, dir, after: current.next }));
			pages.push(current.people.map((p) => p.id));
		}
		expect(current.hasMore).toBe(false);
		expect(pages.map((p) => p.length)).toEqual([25, 25, 10]);
		expect(pages.flat()).toEqual(expected);

		// Back from the last page, one page at a time, to the first.
		for (let index = pages.length - 2; index >= 0; index -= 1) {
			current = await listPeople(database.db, query({ sort, dir, before: current.previous }));
			expect(current.people.map((p) => p.id)).toEqual(pages[index]);
			expect(current.next).not.toBeNull();
		}
		expect(current.previous).toBeNull();
	});

	it('returns each row with its groups by name', async () => {
		const { people } = await listPeople(database.db, query({ q: 'user0@' }));
		expect(people).toEqual([
			{
				id: 'p000',
				name: 'Ada Lovelace',
				email: 'user0@corp.test',
				role: 'admin',
				status: 'active',
				createdAt: new Date('2026-01-01T00:00:00.000Z'),
				groups: [
					{ id: 'alpha', name: 'Alpha team' },
					{ id: 'design', name: 'Design' }
				]
			}
		]);
	});

	it('searches names and emails case-insensitively, anywhere in them', async () => {
		const names = async (q: string) =>
			(await listPeople(database.db, query({ q, size: 100 }))).people.map((p) => p.name).sort();
		expect(await names('ADA')).toEqual(['Ada Lovelace', 'ada byron']);
		expect(await names('ngstr')).toEqual(['Zoë Ångström']);
		expect(await names('EXAMPLE.COM')).toHaveLength(30);
		expect(await names("o'n")).toEqual(["O'Neil"]);
	});

	it('matches a search of 1 or 2 letters or digits at the start of a word of the name or of the email', async () => {
		const names = async (q: string) =>
			(await listPeople(database.db, query({ q, size: 100 }))).people.map((p) => p.name).sort();
		expect(await names('AD')).toEqual(['Ada Lovelace', 'ada byron']);
		expect(await names('by')).toEqual(['ada byron']);
		expect(await names('å')).toEqual(['Zoë Ångström']);
		expect(await names("o'")).toEqual(["O'Neil"]);
		expect(await names('5')).toEqual(['50% Off_Sale']);
		// Inside a word: "Lovelace", "Hopper", "user0@…" hold these, none starts a word with them.
		expect(await names('ov')).toEqual([]);
		expect(await names('er')).toEqual([]);
		// Every email starts with "user".
		expect(await names('us')).toHaveLength(60);
		// Three characters match anywhere again.
		expect(await names('ove')).toEqual(['Ada Lovelace']);
	});

	it('counts a word after a hyphen as a word start', async () => {
		const rolledBack = new Error('rolled back');
		await expect(
			database.db.$transaction(async (tx) => {
				await tx.person.create({ data: { id: 'hyphen', name: 'Anne-Ngozi Obi', email: 'anne@corp.test' } });
				expect((await listPeople(tx, query({ q: 'ng' }))).people.map((p) => p.name)).toEqual([
					'Anne-Ngozi Obi'
				]);
				throw rolledBack;
			})
		).rejects.toBe(rolledBack);
	});

	it('counts a filtered list up to the limit and says when more match; everyone, and a group alone, exactly', async () => {
		const rolledBack = new Error('rolled back');
		await expect(
			database.db.$transaction(async (tx) => {
				const extra = matchingCountLimit + 1;
				await tx.person.createMany({
					data: Array.from({ length: extra }, (_, n) => ({
						id: `many${n}`,
						name: `Many ${n}`,
						email: `many${n}@corp.test`
					}))
				});
				await tx.groupMembership.createMany({
					data: Array.from({ length: extra }, (_, n) => ({ personId: `many${n}`, groupId: 'design' }))
				});
				const count = (filter: Partial<PeopleFilter>) =>
					countPeople(tx, { ...defaultPeopleQuery, ...filter });
				const designers = extra + names.filter((_, n) => n % 3 === 0).length;
				expect(await count({})).toEqual({ count: names.length + extra, more: false });
				expect(await count({ group: 'design' })).toEqual({ count: designers, more: false });
				expect(await count({ group: 'design', status: 'active' })).toEqual({
					count: matchingCountLimit,
					more: true
				});
				expect(await count({ q: 'many' })).toEqual({ count: matchingCountLimit, more: true });
				expect(await count({ q: 'ada' })).toEqual({ count: 2, more: false });
				// The page of a search whose count stopped at the limit is still the right page.
				const page = await listPeopleWithCount(tx, query({ q: 'many', size: 25 }));
				expect(page.matching.more).toBe(true);
				// In natural order: "Many 2" before "Many 10".
				expect(page.people.map((p) => p.name)).toEqual(Array.from({ length: 25 }, (_, n) => `Many ${n}`));
				throw rolledBack;
			})
		).rejects.toBe(rolledBack);
	});

	it('finds short searches and group members through indexes, not by reading every person', async () => {
		// On a table this small a scan is cheapest; with scans priced out, a condition no index can
		// serve still shows one, so this shows which indexes the conditions can use.
		const plan = async (sql: Prisma.Sql) =>
			database.db.$transaction(async (tx) => {
				await tx.$executeRaw`SET LOCAL enable_seqscan = off`;
				const rows = await tx.$queryRaw<{ 'QUERY PLAN': string }[]>`EXPLAIN ${sql}`;
				return rows.map((row) => row['QUERY PLAN']).join('\n');
			});
		const short = await plan(
			Prisma.sql`SELECT count(*) FROM "Person" WHERE ${peopleFilterSql({ ...defaultPeopleQuery, q: 'zq' })}`
		);
		expect(short).toContain('Person_name_trgm_idx');
		// The email's prefix: its trigram index, or under a C collation (the embedded server) the
		// btree on email, which serves LIKE 'zq%' as a range.
		expect(short).toMatch(/Index Scan on "Person_email_(trgm|id)_idx"/);
		expect(short).not.toContain('Seq Scan');
		const members = await plan(
			Prisma.sql`SELECT "personId" FROM "GroupMembership" WHERE "groupId" = 'design'`
		);
		// Index-only once VACUUM has marked the pages all-visible, as in a long-running database.
		expect(members).toMatch(/Index (Only )?Scan (on|using) "GroupMembership_groupId_personId_idx"/);
	});

	it('takes % and _ in a search literally', async () => {
		const names = async (q: string) =>
			(await listPeople(database.db, query({ q }))).people.map((p) => p.name);
		expect(await names('50%')).toEqual(['50% Off_Sale']);
		expect(await names('f_s')).toEqual(['50% Off_Sale']);
		expect(await names('%')).toEqual(['50% Off_Sale']);
	});

	it('filters by role, status and group, alone and together, and counts the same people', async () => {
		const cases: Partial<PeopleFilter>[] = [
			{ role: 'admin' },
			{ status: 'deactivated' },
			{ group: 'design' },
			{ group: 'alpha', role: 'admin' },
			{ group: 'design', status: 'active', q: 'same' },
			{ group: 'empty' },
			{ group: 'no-such-group' }
		];
		for (const filter of cases) {
			const people = (await listPeople(database.db, query({ ...filter, size: 100 }))).people;
			const expected = names
				.map((name, n) => ({ n, name }))
				.filter(({ n, name }) => {
					const role = n % 10 === 0 ? 'admin' : n % 10 === 1 ? 'support' : 'member';
					const status = n % 7 === 3 ? 'deactivated' : 'active';
					const groups = [...(n % 3 === 0 ? ['design'] : []), ...(n % 4 === 0 ? ['alpha'] : [])];
					return (
						(filter.role === undefined || filter.role === role) &&
						(filter.status === undefined || filter.status === status) &&
						(!filter.group || groups.includes(filter.group)) &&
						(filter.q === undefined || name.toLowerCase().includes(filter.q))
					);
				});
			expect(people.map((p) => p.id).sort(), JSON.stringify(filter)).toEqual(
				expected.map(({ n }) => `p${String(n).padStart(3, '0')}`).sort()
			);
			expect(await countPeople(database.db, { ...defaultPeopleQuery, ...filter })).toEqual({
				count: expected.length,
				more: false
			});
		}
	});

	it('pages a filtered list too', async () => {
		const first = await listPeople(database.db, query({ q: 'person', status: 'active' }));
		const second = await listPeople(database.db, query({ q: 'person', status: 'active', after: first.next }));
		const all = await countPeople(database.db, { ...defaultPeopleQuery, q: 'person', status: 'active' });
		expect(first.people).toHaveLength(25);
		expect({ count: first.people.length + second.people.length, more: false }).toEqual(all);
		expect(second.next).toBeNull();
		expect(second.people.every((p) => p.name.startsWith('Person') && p.status === 'active')).toBe(true);
	});

	it('pages a search the same way when the count is known first (few matches fetched whole)', async () => {
		for (const dir of ['asc', 'desc'] as const) {
			const searched = query({ q: 'PERSON', dir });
			const first = await listPeopleWithCount(database.db, searched);
			const second = await listPeopleWithCount(database.db, { ...searched, after: first.next });
			const back = await listPeopleWithCount(database.db, { ...searched, before: second.previous });
			expect(first.matching).toEqual({ count: 42, more: false });
			expect(first.people).toEqual((await listPeople(database.db, searched)).people);
			expect(second.people).toEqual(
				(await listPeople(database.db, { ...searched, after: first.next })).people
			);
			expect([first.people.length, second.people.length, second.next]).toEqual([25, 17, null]);
			expect(back.people).toEqual(first.people);
		}
		const none = await listPeopleWithCount(database.db, query({ q: 'nobody-is-called-this' }));
		expect(none).toEqual({
			people: [],
			next: null,
			previous: null,
			hasMore: false,
			matching: { count: 0, more: false }
		});
	});

	it('starts from the beginning when a cursor is tampered with or does not fit the sort', async () => {
		const first = await listPeople(database.db, query());
		for (const after of ['garbage', encodeCursor(['only-one']), encodeCursor([])]) {
			expect((await listPeople(database.db, query({ after }))).people).toEqual(first.people);
		}
		const byCreated = await listPeople(database.db, query({ sort: 'created' }));
		const nameCursor = encodeCursor(['Ada Lovelace', 'p000']);
		expect((await listPeople(database.db, query({ sort: 'created', after: nameCursor }))).people).toEqual(
			byCreated.people
		);
	});

	it('shows a whole first page when going back finds fewer than a page before the cursor', async () => {
		// A cursor near the start, as if people before it had been deleted since.
		const order = await referenceOrder('name', 'asc');
		const third = await database.db.person.findUniqueOrThrow({ where: { id: order[2]! } });
		const back = await listPeople(
			database.db,
			query({ before: encodeCursor([third.nameSortKey, third.id]) })
		);
		expect(back.people.map((p) => p.id)).toEqual(order.slice(0, 25));
		expect(back.previous).toBeNull();
		expect(back.next).not.toBeNull();
	});

	it('says there is nothing after the last row', async () => {
		const last = (await referenceOrder('name', 'asc')).at(-1)!;
		const lastKey = (await database.db.person.findUniqueOrThrow({ where: { id: last } })).nameSortKey;
		const page = await listPeople(database.db, query({ after: encodeCursor([lastKey, last]) }));
		expect(page).toMatchObject({ people: [], next: null, previous: null, hasMore: false });
	});
});
