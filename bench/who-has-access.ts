import { performance } from 'node:perf_hooks';
import { selectAudience, type AudienceLevel } from '../src/lib/access/audience';
import type { RoomAccesses } from '../src/lib/access';
import { defaultAudienceQuery } from '../src/lib/rooms/audience-query';
import { bulkDatabaseTimeouts } from '../src/lib/server/database-timeouts';
import { connectDatabase, type Database } from '../src/lib/server/prisma-client';
import {
	listAudience,
	listRoomAudience,
	roomAudience,
	type AudiencePageQuery
} from '../src/lib/server/rooms/audience';
import { applyMigrations } from '../scripts/services/migrate';
import { createTestDatabase } from '../scripts/services/test-postgres';
import type { BenchContext, BenchEntry, EntryReport } from './entry';
import { seedPeople } from './people-seed';
import { iterations, measureLatency, warmupIterations } from './stats';
import { formatTable } from './table';

const seed = { people: 100_000, groups: 2_000 };
const roomGroups = 5;
const ownEntries = 200;
const deepRows = 15_000;
const targetP95Ms = 50;

/**
 * Server time of a room's "People with access": the class counts (roomAudience) and one page
 * (listAudience), called with the app's Prisma client on 100,000 people, of whom about 20,000 are
 * in the room's five overlapping groups. The room itself is given, as the page has it from
 * Liveblocks. One call at a time: latency, not throughput.
 */
export const whoHasAccess: BenchEntry = {
	name: 'who-has-access',
	summary: `a room's people with access at ${seed.people.toLocaleString('en')} people, p50/p95 of ${iterations} calls`,
	run
};

interface Case {
	name: string;
	room: RoomAccesses;
	query: AudiencePageQuery;
	/** Rows the page must hold, so a broken case fails instead of measuring an empty answer. */
	minRows: number;
}

/** The page as it opens: no search, no filter, 50 rows. */
const firstPage: AudiencePageQuery = { ...defaultAudienceQuery };

async function run({ cleanup, progress }: BenchContext): Promise<EntryReport> {
	progress('creating a fresh database');
	const database = await createTestDatabase('bench_who_has_access');
	cleanup.defer(() => database.drop());
	await applyMigrations(database.url);
	const db = connectDatabase(database.url, bulkDatabaseTimeouts);
	cleanup.defer(() => db.$disconnect());

	progress(`seeding ${seed.people} people and ${seed.groups} groups, and the room's groups`);
	const seededAt = performance.now();
	await seedPeople(db, seed);
	const rooms = await seedRoomGroups(db);
	progress(`seeded in ${((performance.now() - seededAt) / 1000).toFixed(1)} s`);

	const cases = await benchCases(db, rooms, progress);
	const rows: string[][] = [
		['case', 'rows', 'listed', 'load p50', 'load p95', 'page p50', 'page p95', `load p95 < ${targetP95Ms} ms`]
	];
	const problems: string[] = [];
	for (const benchCase of cases) {
		progress(`measuring: ${benchCase.name}`);
		const { audience, selection, page } = await listRoomAudience(db, benchCase.room, benchCase.query);
		if (page.people.length < benchCase.minRows) {
			problems.push(`${benchCase.name}: ${page.people.length} rows, expected at least ${benchCase.minRows}`);
		}
		const load = await measureLatency(() => listRoomAudience(db, benchCase.room, benchCase.query));
		const pageOnly = await measureLatency(() =>
			listAudience(db, benchCase.room, audience, selection, benchCase.query)
		);
		rows.push([
			benchCase.name,
			String(page.people.length),
			selection.count.toLocaleString('en'),
			...[load, pageOnly].flatMap(({ p50, p95 }) => [ms(p50), ms(p95)]),
			load.p95 < targetP95Ms ? 'yes' : 'NO'
		]);
	}
	const note =
		`ms; load = class counts, then the page, as the page's load runs them; page = the page alone; ` +
		`listed = people the level and "differs" filters select, before search and group; ${iterations} calls per ` +
		`figure after ${warmupIterations} unmeasured; page size ${firstPage.size}`;
	return { table: `${formatTable(rows)}\n${note}`, problems };
}

/**
 * Five room groups over a fifth of the directory: each chosen person joins one (skewed towards the
 * first), and about a third a second one, so classes overlap; plus own entries for 200 people.
 */
export async function seedRoomGroups(
	db: Database
): Promise<{ nobody: RoomAccesses; everyone: RoomAccesses }> {
	await db.$executeRaw`SELECT setseed(0.7)`;
	await db.$executeRaw`
		INSERT INTO "Group" ("id", "name", "updatedAt")
		SELECT 'room-group-' || g, 'Room group ' || g, now() FROM generate_series(1, ${roomGroups}::int) AS g`;
	await db.$executeRaw`
		INSERT INTO "GroupMembership" ("personId", "groupId")
		SELECT "id", 'room-group-' || (1 + floor(pow(random(), 2) * ${roomGroups}::int))::int
		FROM "Person" WHERE random() < 0.2`;
	await db.$executeRaw`
		INSERT INTO "GroupMembership" ("personId", "groupId")
		SELECT "personId", 'room-group-' || (1 + floor(random() * ${roomGroups}::int))::int
		FROM "GroupMembership" WHERE "groupId" LIKE 'room-group-%' AND random() < 0.35
		ON CONFLICT DO NOTHING`;
	await db.$executeRawUnsafe('VACUUM ANALYZE');
	const own = await db.$queryRaw<{ id: string }[]>`
		SELECT "id" FROM "Person" ORDER BY md5("id") LIMIT ${ownEntries}`;
	const groupsAccesses = {
		'room-group-1': ['room:read'],
		'room-group-2': ['room:read', 'comments:write'],
		'room-group-3': ['room:write'],
		'room-group-4': ['room:read', 'storage:write'],
		'room-group-5': ['room:write', 'comments:read'],
		'group-17': ['room:read']
	};
	const usersAccesses = Object.fromEntries(
		own.map(({ id }, index) => [id, index % 2 === 0 ? ['room:write'] : ['room:read']])
	);
	return {
		nobody: { defaultAccesses: [], groupsAccesses, usersAccesses },
		everyone: { defaultAccesses: ['room:read'], groupsAccesses, usersAccesses }
	};
}

async function benchCases(
	db: Database,
	rooms: { nobody: RoomAccesses; everyone: RoomAccesses },
	progress: (message: string) => void
): Promise<Case[]> {
	const deep = async (room: RoomAccesses, query: AudiencePageQuery, rows = deepRows) => {
		progress(`walking ${rows.toLocaleString('en')} rows with Next links for a deep cursor`);
		const audience = await roomAudience(db, room);
		const selection = selectAudience(audience, query);
		const walk = { ...query, size: 100 };
		for (let seen = 0; seen < rows; seen += walk.size) {
			walk.after = (await listAudience(db, room, audience, selection, walk)).next;
		}
		return { ...query, after: walk.after };
	};
	// The surname of someone on a deep page: shared by a few hundred people, some of them listed.
	const someone = (await listRoomAudience(db, rooms.nobody, await deep(rooms.nobody, firstPage))).page;
	const surname = someone.people[0]!.name.split(' ').at(-1)!.toLowerCase();
	const level = (level: AudienceLevel) => ({ ...firstPage, level });
	const everyone = { ...firstPage, everyone: true };
	return [
		{ name: 'default: nobody; first page', room: rooms.nobody, query: firstPage, minRows: 50 },
		{
			name: `default: nobody; deep page (after ${deepRows.toLocaleString('en')})`,
			room: rooms.nobody,
			query: await deep(rooms.nobody, firstPage),
			minRows: 50
		},
		{ name: 'default: nobody; Can edit', room: rooms.nobody, query: level('Can edit'), minRows: 50 },
		{ name: 'default: nobody; Can comment', room: rooms.nobody, query: level('Can comment'), minRows: 50 },
		{
			name: `default: nobody; search "${surname}"`,
			room: rooms.nobody,
			query: { ...firstPage, q: surname },
			minRows: 1
		},
		{
			name: 'default: nobody; search "ad"',
			room: rooms.nobody,
			query: { ...firstPage, q: 'ad' },
			minRows: 50
		},
		{
			name: 'default: nobody; group room-group-4',
			room: rooms.nobody,
			query: { ...firstPage, group: 'room-group-4' },
			minRows: 50
		},
		{ name: 'default: everyone; differing, first page', room: rooms.everyone, query: firstPage, minRows: 50 },
		{
			name: 'default: everyone; differing, deep page (after 10,000)',
			room: rooms.everyone,
			query: await deep(rooms.everyone, firstPage, 10_000),
			minRows: 50
		},
		{ name: 'default: everyone; everyone, first page', room: rooms.everyone, query: everyone, minRows: 50 },
		{
			name: `default: everyone; everyone, deep page (after ${deepRows.toLocaleString('en')})`,
			room: rooms.everyone,
			query: await deep(rooms.everyone, everyone),
			minRows: 50
		},
		{
			name: 'default: everyone; Can view, everyone',
			room: rooms.everyone,
			query: { ...everyone, level: 'Can view' },
			minRows: 50
		}
	];
}

function ms(value: number): string {
	return value.toFixed(2);
}
