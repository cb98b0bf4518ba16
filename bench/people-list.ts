import { performance } from 'node:perf_hooks';
import { defaultPeopleQuery, filterOf, matchingCountLimit, type PeopleQuery } from '../src/lib/people-query';
import { countPeople, listPeople, listPeopleWithCount } from '../src/lib/server/people/list';
import { bulkDatabaseTimeouts } from '../src/lib/server/database-timeouts';
import { connectDatabase, type Database } from '../src/lib/server/prisma-client';
import { applyMigrations } from '../scripts/services/migrate';
import { createTestDatabase } from '../scripts/services/test-postgres';
import type { BenchContext, BenchEntry, EntryReport } from './entry';
import { seedPeople } from './people-seed';
import { iterations, measureLatency, warmupIterations } from './stats';
import { formatTable } from './table';

const seed = { people: 100_000, groups: 2_000 };
const deepRows = 60_000;
const targetP95Ms = 50;

/**
 * Server time of the people list: what its page load spends in listPeople and countPeople, called
 * with the app's Prisma client on a fresh database of 100,000 people and 2,000 groups. One call at
 * a time, as one admin paging would cause, so the figures are latency, not throughput.
 */
export const peopleList: BenchEntry = {
	name: 'people-list',
	summary: `people list and count at ${seed.people.toLocaleString('en')} people and ${seed.groups.toLocaleString('en')} groups, p50/p95 of ${iterations} calls`,
	run
};

interface Case {
	name: string;
	query: PeopleQuery;
	/** What the page must hold, so a broken case fails instead of measuring an empty answer. */
	expect: { minRows: number; minCount: number; maxCount: number };
}

async function run({ cleanup, progress }: BenchContext): Promise<EntryReport> {
	progress('creating a fresh database');
	const database = await createTestDatabase('bench_people');
	cleanup.defer(() => database.drop());
	await applyMigrations(database.url);
	const db = connectDatabase(database.url, bulkDatabaseTimeouts);
	cleanup.defer(() => db.$disconnect());

	progress(`seeding ${seed.people} people and ${seed.groups} groups, then VACUUM ANALYZE`);
	const seededAt = performance.now();
	await seedPeople(db, seed);
	progress(`seeded in ${((performance.now() - seededAt) / 1000).toFixed(1)} s`);

	const cases = await benchCases(db, progress);
	const rows: string[][] = [
		[
			'case',
			'rows',
			'matching',
			'load p50',
			'load p95',
			'page p50',
			'page p95',
			'count p50',
			'count p95',
			`p95 < ${targetP95Ms} ms`
		]
	];
	const problems: string[] = [];
	for (const benchCase of cases) {
		progress(`measuring: ${benchCase.name}`);
		const { people, matching } = await listPeopleWithCount(db, benchCase.query);
		const { minRows, minCount, maxCount } = benchCase.expect;
		const said = `${matching.more ? 'more than ' : ''}${matching.count.toLocaleString('en')}`;
		if (people.length < minRows || matching.count < minCount || matching.count > maxCount) {
			problems.push(
				`${benchCase.name}: ${people.length} rows of ${said} matching, expected at least ${minRows} rows of ${minCount}-${maxCount}`
			);
		}
		const load = await measureLatency(() => listPeopleWithCount(db, benchCase.query));
		const page = await measureLatency(() =>
			listPeople(db, benchCase.query, matching.more ? undefined : matching.count)
		);
		const count = await measureLatency(() => countPeople(db, filterOf(benchCase.query)));
		rows.push([
			benchCase.name,
			String(people.length),
			said,
			...[load, page, count].flatMap(({ p50, p95 }) => [ms(p50), ms(p95)]),
			load.p95 < targetP95Ms ? 'yes' : 'NO'
		]);
	}
	const note =
		`ms; load = count, then the page, as the list's load runs them; a filtered count stops above ` +
		`${matchingCountLimit.toLocaleString('en')} ("more than"); ${iterations} calls per ` +
		`figure after ${warmupIterations} unmeasured; page size ${defaultPeopleQuery.size}`;
	return { table: `${formatTable(rows)}\n${note}`, problems };
}

/** The cases, with their group and search chosen from the seeded data itself. */
async function benchCases(db: Database, progress: (message: string) => void): Promise<Case[]> {
	const first: PeopleQuery = { ...defaultPeopleQuery };

	progress(`walking ${deepRows.toLocaleString('en')} rows by name with Next links for a deep cursor`);
	const walk: PeopleQuery = { ...first, size: 100 };
	for (let seen = 0; seen < deepRows; seen += walk.size) {
		const page = await listPeople(db, walk);
		walk.after = page.next;
	}

	// The surname of the person in the middle of the list: shared by a few hundred.
	const middle = await listPeople(db, { ...walk, size: 25 });
	const surname = middle.people[0]!.name.split(' ').at(-1)!;
	const [typical, fifth, large] = await Promise.all([
		groupOfSize(db, 'median'),
		groupOfSize(db, 'fifth largest'),
		groupOfSize(db, 'largest')
	]);

	return [
		{
			name: 'first page, by name',
			query: first,
			expect: { minRows: 50, minCount: 100_000, maxCount: 100_000 }
		},
		{
			name: `deep page, after ${deepRows.toLocaleString('en')} by name`,
			query: { ...first, after: walk.after },
			expect: { minRows: 50, minCount: 100_000, maxCount: 100_000 }
		},
		{
			name: `search "${surname.toLowerCase()}"`,
			query: { ...first, q: surname.toLowerCase() },
			expect: { minRows: 50, minCount: 100, maxCount: 1_000 }
		},
		{
			name: `group, typical (${typical.members} members)`,
			query: { ...first, group: typical.id },
			expect: { minRows: Math.min(typical.members, 50), minCount: typical.members, maxCount: typical.members }
		},
		{
			name: `group, 5th largest (${fifth.members.toLocaleString('en')} members)`,
			query: { ...first, group: fifth.id },
			expect: { minRows: 50, minCount: fifth.members, maxCount: fifth.members }
		},
		{
			name: 'search "zq": 2 letters, word starts',
			query: { ...first, q: 'zq' },
			expect: { minRows: 0, minCount: 0, maxCount: 0 }
		},
		{
			// Ada and Amara: a twentieth of everyone, so the count stops at its limit.
			name: 'search "a": 1 letter, word starts',
			query: { ...first, q: 'a' },
			expect: { minRows: 50, minCount: 1_000, maxCount: 1_000 }
		},
		{
			name: `group, largest (${large.members.toLocaleString('en')} members)`,
			query: { ...first, group: large.id },
			expect: { minRows: 50, minCount: large.members, maxCount: large.members }
		},
		{
			name: 'largest group, active, by created desc',
			query: { ...first, group: large.id, status: 'active', sort: 'created', dir: 'desc' },
			expect: { minRows: 50, minCount: 1, maxCount: large.members }
		},
		{
			name: '5th largest group, active, by created desc',
			query: { ...first, group: fifth.id, status: 'active', sort: 'created', dir: 'desc' },
			expect: { minRows: 50, minCount: 1, maxCount: fifth.members }
		}
	];
}

async function groupOfSize(
	db: Database,
	which: 'median' | 'fifth largest' | 'largest'
): Promise<{ id: string; members: number }> {
	const sizes = await db.groupMembership.groupBy({ by: ['groupId'], _count: { _all: true } });
	sizes.sort((a, b) => b._count._all - a._count._all);
	const rank = { largest: 0, 'fifth largest': 4, median: Math.floor(sizes.length / 2) }[which];
	const group = sizes[rank]!;
	return { id: group.groupId, members: group._count._all };
}

function ms(value: number): string {
	return value.toFixed(2);
}
