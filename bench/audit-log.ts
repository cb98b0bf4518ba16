import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { auditPageSize, emptyAuditQuery, type AuditQuery } from '../src/lib/audit-query';
import { auditLogEntries } from '../src/lib/server/audit-log/entries';
import { listAuditEvents, positionOf } from '../src/lib/server/audit-log/list';
import { bulkDatabaseTimeouts } from '../src/lib/server/database-timeouts';
import { connectDatabase, type Database } from '../src/lib/server/prisma-client';
import { applyMigrations } from '../scripts/services/migrate';
import { createTestDatabase } from '../scripts/services/test-postgres';
import type { BenchContext, BenchEntry, EntryReport } from './entry';
import { seedPeople } from './people-seed';
import { iterations, measureLatency, warmupIterations } from './stats';
import { formatTable } from './table';

export const auditSeed = { events: 1_000_000, people: 10_000, groups: 200, rooms: 5_000 };
const targetP95Ms = 50;

/**
 * Server time of the audit log page: listAuditEvents (the page of events) and auditLogEntries
 * (their names and changes in words), as its load runs them, with the app's Prisma client on a
 * fresh database of 1,000,000 events. One call at a time, so the figures are latency.
 */
export const auditLog: BenchEntry = {
	name: 'audit-log',
	summary: `audit log pages at ${auditSeed.events.toLocaleString('en')} events, each filter, p50/p95 of ${iterations} calls`,
	async run({ cleanup, progress }: BenchContext): Promise<EntryReport> {
		progress('creating a fresh database');
		const database = await createTestDatabase('bench_audit');
		cleanup.defer(() => database.drop());
		await applyMigrations(database.url);
		const db = connectDatabase(database.url, bulkDatabaseTimeouts);
		cleanup.defer(() => db.$disconnect());
		progress(
			`seeding ${auditSeed.people} people, ${auditSeed.groups} groups and ${auditSeed.events} audit events`
		);
		const seededAt = performance.now();
		await seedPeople(db, { people: auditSeed.people, groups: auditSeed.groups });
		await seedAuditEvents(db);
		progress(`seeded in ${((performance.now() - seededAt) / 1000).toFixed(1)} s`);
		return measureAuditLog(db, progress);
	}
};

/**
 * Adds `events` audit events, one INSERT ... SELECT over generate_series, 30 s apart from
 * 2026-01-01 (a million span a year), then VACUUM ANALYZE. Needs seedPeople's people and groups first (their ids are its
 * actors and targets). Of every 100 events: 40 room access changes (a few hundred per room),
 * 30 memberships (related to their group), 20 person updates, and group, room and person
 * creations and deletions; 1 in 100 has no actor (the system).
 */
export async function seedAuditEvents(db: Database, { events, people, groups, rooms } = auditSeed) {
	await db.$executeRaw`SELECT setseed(0.17)`;
	// The random draws sit in a subquery, so each row's target, group and JSON agree.
	await db.$executeRaw`
		INSERT INTO "AuditEvent" ("actorId", "action", "targetType", "targetId", "relatedType", "relatedId", "before", "after", "createdAt")
		SELECT
			CASE WHEN n % 100 = 0 THEN NULL ELSE 'c' || substr(md5((50 * admin)::text), 1, 24) END,
			kind.action,
			kind.target_type,
			CASE kind.target_type
				WHEN 'room' THEN 'room-' || room
				WHEN 'group' THEN 'group-' || grp
				ELSE 'c' || substr(md5(person::text), 1, 24)
			END,
			CASE WHEN kind.action LIKE 'membership.%' THEN 'group' END,
			CASE WHEN kind.action LIKE 'membership.%' THEN 'group-' || grp END,
			CASE kind.action
				WHEN 'room.access-updated' THEN jsonb_build_object(
					'defaultAccesses', jsonb_build_array('room:read'),
					'groupsAccesses', jsonb_build_object('group-' || grp, jsonb_build_array('room:read')),
					'usersAccesses', '{}'::jsonb)
				WHEN 'person.updated' THEN jsonb_build_object('name', 'Someone', 'role', 'member', 'status', 'active')
				WHEN 'membership.removed' THEN jsonb_build_object('groupId', 'group-' || grp)
			END,
			CASE kind.action
				WHEN 'room.access-updated' THEN jsonb_build_object(
					'defaultAccesses', jsonb_build_array('room:read'),
					'groupsAccesses', jsonb_build_object('group-' || grp, jsonb_build_array('*:read', 'storage:write')),
					'usersAccesses', '{}'::jsonb)
				WHEN 'person.updated' THEN jsonb_build_object('name', 'Someone', 'role', 'support', 'status', 'active')
				WHEN 'membership.added' THEN jsonb_build_object('groupId', 'group-' || grp)
			END,
			timestamp '2026-01-01' + n * interval '30 seconds'
		FROM (
			SELECT n,
				1 + floor(random() * ${people}::int / 50)::int AS admin,
				1 + floor(random() * ${people}::int)::int AS person,
				1 + floor(random() * ${rooms}::int)::int AS room,
				-- Skewed like the memberships of seedPeople: group-1 is the large one.
				1 + floor(pow(random(), 3) * ${groups}::int)::int AS grp,
				floor(random() * 100)::int AS draw
			FROM generate_series(1, ${events}::int) AS n
		) AS generated
		JOIN (
			VALUES
				(0, 40, 'room.access-updated', 'room'),
				(40, 55, 'membership.added', 'person'),
				(55, 70, 'membership.removed', 'person'),
				(70, 90, 'person.updated', 'person'),
				(90, 93, 'group.updated', 'group'),
				(93, 96, 'room.created', 'room'),
				(96, 98, 'person.created', 'person'),
				(98, 99, 'group.deleted', 'group'),
				(99, 100, 'room.deleted', 'room')
		) AS kind (low, high, action, target_type) ON draw >= kind.low AND draw < kind.high`;
	await db.$executeRawUnsafe('VACUUM ANALYZE "AuditEvent"');
}

interface Case {
	name: string;
	query: AuditQuery;
	/** At least this many events on the page, so a broken case fails instead of measuring nothing. */
	minRows: number;
}

/** Measures every filter of the log on a database seeded by seedAuditEvents. */
export async function measureAuditLog(
	db: Database,
	progress: (message: string) => void
): Promise<EntryReport> {
	const cases = await benchCases(db);
	const rows: string[][] = [
		['case', 'rows', 'page p50', 'page p95', 'load p50', 'load p95', `p95 < ${targetP95Ms} ms`]
	];
	const problems: string[] = [];
	for (const benchCase of cases) {
		progress(`measuring: ${benchCase.name}`);
		const { events } = await listAuditEvents(db, benchCase.query, auditPageSize);
		if (events.length < benchCase.minRows) {
			problems.push(`${benchCase.name}: ${events.length} events, expected at least ${benchCase.minRows}`);
		}
		const page = await measureLatency(() => listAuditEvents(db, benchCase.query, auditPageSize));
		const load = await measureLatency(async () =>
			auditLogEntries(db, (await listAuditEvents(db, benchCase.query, auditPageSize)).events)
		);
		rows.push([
			benchCase.name,
			String(events.length),
			...[page, load].flatMap(({ p50, p95 }) => [p50.toFixed(2), p95.toFixed(2)]),
			load.p95 < targetP95Ms ? 'yes' : 'NO'
		]);
	}
	const note =
		`ms; page = listAuditEvents, load = the page and its events in words (names, changed cells), as the ` +
		`page's load runs them; ${iterations} calls per figure after ${warmupIterations} unmeasured; page size ${auditPageSize}`;
	return { table: `${formatTable(rows)}\n${note}`, problems };
}

async function benchCases(db: Database): Promise<Case[]> {
	const first = { ...emptyAuditQuery };
	const [middle] = await db.$queryRaw<{ createdAt: Date; id: bigint }[]>`
		SELECT "createdAt", "id" FROM "AuditEvent" ORDER BY "createdAt" DESC, "id" DESC OFFSET 500000 LIMIT 1`;
	const [busiestActor] = await db.$queryRaw<{ actorId: string }[]>`
		SELECT "actorId" FROM "AuditEvent" WHERE "actorId" IS NOT NULL
		GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`;
	// seedPeople's id of person 4242.
	const person = 'c' + createHash('md5').update('4242').digest('hex').slice(0, 24);
	return [
		{ name: 'first page, no filter', query: first, minRows: 50 },
		{ name: 'deep page, after 500,000', query: { ...first, after: positionOf(middle!) }, minRows: 50 },
		{ name: 'actor (busiest admin)', query: { ...first, actor: busiestActor!.actorId }, minRows: 50 },
		{ name: 'target room', query: { ...first, target: { type: 'room', id: 'room-42' } }, minRows: 50 },
		{
			name: 'target group-150, with its memberships',
			query: { ...first, target: { type: 'group', id: 'group-150' } },
			minRows: 50
		},
		{
			name: 'target group-1, in 1 of 6 memberships',
			query: { ...first, target: { type: 'group', id: 'group-1' } },
			minRows: 50
		},
		{ name: 'target person', query: { ...first, target: { type: 'person', id: person } }, minRows: 50 },
		{ name: 'action, 1 in 100 (room.deleted)', query: { ...first, action: 'room.deleted' }, minRows: 50 },
		{ name: 'action never recorded', query: { ...first, action: 'bulk-job.resumed' }, minRows: 0 },
		{
			name: 'one day, 6 months back',
			query: { ...first, from: '2026-06-01', to: '2026-06-01' },
			minRows: 50
		},
		{
			name: 'actor + rare action',
			query: { ...first, actor: busiestActor!.actorId, action: 'group.deleted' },
			minRows: 10
		},
		{
			name: 'actor + one day, 6 months back',
			query: { ...first, actor: busiestActor!.actorId, from: '2026-06-01', to: '2026-06-01' },
			minRows: 1
		},
		{
			name: 'rare action + a month, 6 months back',
			query: { ...first, action: 'room.deleted', from: '2026-06-01', to: '2026-06-30' },
			minRows: 50
		},
		{
			name: 'target room + action + time',
			query: {
				...first,
				target: { type: 'room', id: 'room-42' },
				action: 'room.access-updated',
				from: '2026-03-01',
				to: '2026-09-30'
			},
			minRows: 10
		}
	];
}
