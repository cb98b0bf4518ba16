import { performance } from 'node:perf_hooks';
import { auditPageSize, emptyAuditQuery } from '../src/lib/audit-query';
import { auditLogEntries } from '../src/lib/server/audit-log/entries';
import { listAuditEvents } from '../src/lib/server/audit-log/list';
import { loadIdentity } from '../src/lib/server/identity';
import { inspectRoom } from '../src/lib/server/inspect';
import { bulkDatabaseTimeouts } from '../src/lib/server/database-timeouts';
import { connectDatabase, type Database } from '../src/lib/server/prisma-client';
import { countRoomsPersonCanEnter, listRoomsPersonCanEnter } from '../src/lib/server/rooms/enterable';
import { applyMigrations } from '../scripts/services/migrate';
import { createTestDatabase } from '../scripts/services/test-postgres';
import { auditSeed, seedAuditEvents } from './audit-log';
import type { BenchContext, BenchEntry, EntryReport } from './entry';
import { seedPeople } from './people-seed';
import { iterations, measureLatency, warmupIterations } from './stats';
import { formatTable } from './table';

const rooms = 100_000;
const pageSize = 25;
const deepRows = 9_000;
const targetP95Ms = 50;

/**
 * The server work of the pages that list what a person can get into, on a fresh database of
 * 100,000 indexed rooms where one person can enter about 10,000: the members' home list (a page and
 * the count, first and deep), a search in it, and the inspector (identity, a page of rooms with
 * their resolved access, the count and one room's getSelf() prediction), then the audit log's first
 * page once 1,000,000 events are added (`npm run bench -- audit-log` measures every filter). One call
 * at a time.
 */
export const inspector: BenchEntry = {
	name: 'inspector',
	summary: `rooms a person can enter and the inspector at ${rooms.toLocaleString('en')} indexed rooms, p50/p95 of ${iterations} calls`,
	run
};

async function run({ cleanup, progress }: BenchContext): Promise<EntryReport> {
	progress('creating a fresh database');
	const database = await createTestDatabase('bench_inspector');
	cleanup.defer(() => database.drop());
	await applyMigrations(database.url);
	const db = connectDatabase(database.url, bulkDatabaseTimeouts);
	cleanup.defer(() => db.$disconnect());

	progress(
		`seeding ${rooms.toLocaleString('en')} rooms (the grants trigger runs for each), then VACUUM ANALYZE`
	);
	const seededAt = performance.now();
	const personId = await seedRooms(db);
	progress(`seeded in ${((performance.now() - seededAt) / 1000).toFixed(1)} s`);

	const { identity } = (await loadIdentity(db, personId))!;
	const enterable = await countRoomsPersonCanEnter(db, identity);
	const problems: string[] = [];
	if (enterable < 9_000 || enterable > 11_000)
		problems.push(`the person can enter ${enterable} rooms, expected about 10,000`);

	progress(`walking ${deepRows.toLocaleString('en')} of their rooms with Next links for a deep cursor`);
	let deep: string | null = null;
	for (let seen = 0; seen < deepRows; seen += 100)
		deep = (await listRoomsPersonCanEnter(db, identity, { after: deep, limit: 100 })).next;
	const someRoom = (await listRoomsPersonCanEnter(db, identity, { after: deep, limit: 1 })).rooms[0]!.id;

	const home = (options: { after?: string | null; search?: string }) => () =>
		Promise.all([
			listRoomsPersonCanEnter(db, identity, { ...options, limit: pageSize }),
			countRoomsPersonCanEnter(db, identity, { search: options.search })
		]);
	const cases: [string, () => Promise<unknown>][] = [
		["members' home, first page + count", home({})],
		[`members' home, after ${deepRows.toLocaleString('en')} rooms`, home({ after: deep })],
		['members\' home, search "review"', home({ search: 'review' })],
		[
			'inspector: identity, a page, count, one room',
			async () => {
				const verdict = (await loadIdentity(db, personId))!;
				await Promise.all([
					listRoomsPersonCanEnter(db, verdict.identity, { limit: pageSize }),
					countRoomsPersonCanEnter(db, verdict.identity),
					inspectRoom(db, verdict.identity, someRoom)
				]);
			}
		]
	];

	progress(`seeding ${auditSeed.events.toLocaleString('en')} audit events for the audit log's first page`);
	await seedPeople(db, { people: auditSeed.people, groups: auditSeed.groups });
	await seedAuditEvents(db);
	cases.push([
		`audit log, first page of ${auditSeed.events.toLocaleString('en')} events`,
		async () => auditLogEntries(db, (await listAuditEvents(db, emptyAuditQuery, auditPageSize)).events)
	]);

	const rows: string[][] = [['case', 'p50', 'p95', `p95 < ${targetP95Ms} ms`]];
	for (const [name, call] of cases) {
		progress(`measuring: ${name}`);
		const { p50, p95 } = await measureLatency(call);
		rows.push([name, ms(p50), ms(p95), p95 < targetP95Ms ? 'yes' : 'NO']);
	}
	const note =
		`ms; the person can enter ${enterable.toLocaleString('en')} of ${rooms.toLocaleString('en')} rooms ` +
		`(default, 2 groups, own entries); page size ${pageSize}; ${iterations} calls per figure after ${warmupIterations} unmeasured`;
	return { table: `${formatTable(rows)}\n${note}`, problems };
}

/**
 * 100,000 rooms, each with two of 2,000 groups and one of 5,000 people; of these, 2 % let everyone
 * in, 5 % name the person's group "reviewers", 3 % name the person, and group g7 (theirs too)
 * appears now and then. Returns the person's id.
 */
async function seedRooms(db: Database): Promise<string> {
	const person = await db.person.create({
		data: {
			email: 'bench@example.com',
			name: 'Bench Person',
			memberships: {
				create: [
					{ group: { create: { id: 'reviewers', name: 'Reviewers' } } },
					{ group: { create: { id: 'g7', name: 'G7' } } }
				]
			}
		}
	});
	await db.$executeRaw`
		INSERT INTO "Room" (id, "organizationId", metadata, "defaultAccesses", "groupsAccesses", "usersAccesses", "searchText", "createdAt")
		SELECT
			'room-' || lpad(i::text, 6, '0'),
			'',
			jsonb_build_object('title', CASE WHEN i % 10 = 0 THEN 'Design review ' ELSE 'Room ' END || i),
			CASE WHEN i % 50 = 0 THEN '["*:read"]'::jsonb ELSE '[]'::jsonb END,
			jsonb_build_object('g' || (i % 2000), '["*:write"]'::jsonb, 'g' || ((i * 7 + 3) % 2000), '["*:read"]'::jsonb)
				|| CASE WHEN i % 20 = 1 THEN '{"reviewers": ["*:read", "comments:write"]}'::jsonb ELSE '{}'::jsonb END,
			jsonb_build_object('u' || (i % 5000), '["*:read"]'::jsonb)
				|| CASE WHEN i % 33 = 2 THEN jsonb_build_object(${person.id}::text, '["*:write"]'::jsonb) ELSE '{}'::jsonb END,
			'room-' || lpad(i::text, 6, '0') || E'\n' || CASE WHEN i % 10 = 0 THEN 'Design review ' ELSE 'Room ' END || i,
			now()
		FROM generate_series(1, ${rooms}) AS i`;
	await db.$executeRawUnsafe('VACUUM ANALYZE');
	return person.id;
}

function ms(value: number): string {
	return value.toFixed(2);
}
