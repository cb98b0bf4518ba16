import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { parseAuditQuery, type AuditQuery } from '$lib/audit-query';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { applyMigrations } from '../../../../scripts/services/migrate';
import { createTestDatabase } from '../../../../scripts/services/test-postgres';
import { recordAudit } from '../audit';
import { addMembersToGroup, removeMembersFromGroup } from '../groups/memberships';
import { createGroup } from '../groups/write';
import { deletePerson } from '../people/delete';
import { withTransaction } from '../transaction';
import { auditLogEntries } from './entries';
import { auditEventsForExport } from './export';
import { listAuditEvents } from './list';

const database = useMigratedDatabase('audit_log');
const unique = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
const query = (search: string): AuditQuery => {
	const parsed = parseAuditQuery(new URLSearchParams(search));
	expect(parsed.problems).toEqual([]);
	return parsed.query;
};

async function person(name = 'Someone') {
	return database.db.person.create({ data: { email: `${crypto.randomUUID()}@example.com`, name } });
}

describe('the audit table', () => {
	it('refuses UPDATE, DELETE and TRUNCATE, from the app and from plain SQL alike', async () => {
		const target = unique('room');
		await withTransaction(database.db, (tx) =>
			recordAudit(tx, { actorId: null, action: 'room.deleted', target: { type: 'room', id: target } })
		);
		const refused = /The audit log is append-only: (UPDATE|DELETE|TRUNCATE) on "AuditEvent" is refused/;
		await expect(
			database.db.auditEvent.updateMany({ where: { targetId: target }, data: { action: 'room.created' } })
		).rejects.toThrow(refused);
		await expect(database.db.auditEvent.deleteMany({ where: { targetId: target } })).rejects.toThrow(refused);

		const client = new pg.Client({ connectionString: database.url });
		await client.connect();
		try {
			for (const sql of [
				`UPDATE "AuditEvent" SET "actorId" = 'someone-else'`,
				`DELETE FROM "AuditEvent"`,
				`TRUNCATE "AuditEvent"`
			]) {
				await expect(client.query(sql), sql).rejects.toThrow(refused);
			}
		} finally {
			await client.end();
		}
		expect(await database.db.auditEvent.findMany({ where: { targetId: target } })).toMatchObject([
			{ action: 'room.deleted', actorId: null }
		]);
	});

	it('lets people be deleted, keeping the events they made and the events about them', async () => {
		const [admin, leaving] = [await person('Admin'), await person('Leaving Person')];
		const group = unique('group');
		await createGroup(database.db, leaving.id, { id: group, name: 'Made by the leaver', description: '' });
		await addMembersToGroup(database.db, admin.id, group, [leaving.id]);
		await deletePerson(database.db, admin.id, leaving.id, { removeEntries: false });

		const page = await listAuditEvents(database.db, query(`target=person:${leaving.id}`), 50);
		const entries = await auditLogEntries(database.db, page.events);
		expect(entries.map((entry) => entry.action)).toEqual(['person.deleted', 'membership.added']);
		// The deleted person is still named, from the event that deleted them.
		expect(entries[0]!.target).toEqual({
			type: 'person',
			id: leaving.id,
			name: 'Leaving Person',
			exists: false
		});
		const made = await listAuditEvents(database.db, query(`actor=${leaving.id}`), 50);
		expect(made.events.map((event) => event.action)).toEqual(['group.created']);
	});
});

describe('events in words', () => {
	it('names a room change by the bulk change behind it, linked as related, and says how the row changed', async () => {
		const [admin, group] = [await person('Admin'), unique('group')];
		const job = await database.db.bulkJob.create({
			data: {
				createdById: admin.id,
				change: { kind: 'remove-group', groupId: group },
				selection: '1 room chosen'
			}
		});
		const room = unique('room');
		await withTransaction(database.db, (tx) =>
			recordAudit(tx, {
				actorId: admin.id,
				action: 'room.access-updated',
				target: { type: 'room', id: room },
				related: { type: 'bulk-job', id: job.id },
				before: { defaultAccesses: [], groupsAccesses: { [group]: ['*:read'] }, usersAccesses: {} },
				after: { defaultAccesses: [], groupsAccesses: {}, usersAccesses: {}, bulkJobId: job.id }
			})
		);
		const page = await listAuditEvents(database.db, query(`target=bulk-job:${job.id}`), 50);
		const [entry] = await auditLogEntries(database.db, page.events);
		expect(entry).toMatchObject({
			actionLabel: 'Room access changed',
			actor: { name: 'Admin', exists: true },
			target: { type: 'room', id: room, name: room, exists: false },
			related: { type: 'bulk-job', id: job.id, name: `Remove group ${group}`, exists: true },
			changes: [
				{
					subject: `Group ${group}`,
					field: 'Access',
					before: 'Can view',
					after: null,
					scopes: { before: '*:read', after: null }
				}
			]
		});
	});
});

describe('the migration to past-tense actions', () => {
	const scratch: string[] = [];
	afterAll(() => Promise.all(scratch.map((dir) => rm(dir, { recursive: true, force: true }))));

	it('renames person.active and links earlier memberships and bulk changes to what they concern', async () => {
		const migrations = resolve(fileURLToPath(import.meta.url), '../../../../../prisma/migrations');
		const names = (await readdir(migrations)).filter((name) => /^\d+_/.test(name)).sort();
		const mine = names.findIndex((name) => name.endsWith('_audit_log_append_only'));
		const earlier = await mkdtemp(join(tmpdir(), 'gatehouse-migrations-'));
		scratch.push(earlier);
		for (const name of names.slice(0, mine))
			await cp(join(migrations, name), join(earlier, name), { recursive: true });

		const old = await createTestDatabase('audit_migration');
		try {
			await applyMigrations(old.url, earlier);
			const client = new pg.Client({ connectionString: old.url });
			await client.connect();
			try {
				await client.query(`
					INSERT INTO "AuditEvent" ("action", "targetType", "targetId", "before", "after") VALUES
						('person.active', 'person', 'p1', '{"status": "deactivated"}', '{"status": "active"}'),
						('membership.added', 'person', 'p1', NULL, '{"groupId": "designers"}'),
						('membership.removed', 'person', 'p1', '{"groupId": "ops"}', NULL),
						('room.access-updated', 'room', 'r1', '{}', '{"bulkJobId": "job-1"}'),
						('room.access-updated', 'room', 'r2', '{}', '{}')`);
				await applyMigrations(old.url, migrations);
				const { rows } = await client.query(
					`SELECT "action", "targetId", "relatedType", "relatedId" FROM "AuditEvent" ORDER BY "id"`
				);
				expect(rows).toEqual([
					{ action: 'person.reactivated', targetId: 'p1', relatedType: null, relatedId: null },
					{ action: 'membership.added', targetId: 'p1', relatedType: 'group', relatedId: 'designers' },
					{ action: 'membership.removed', targetId: 'p1', relatedType: 'group', relatedId: 'ops' },
					{ action: 'room.access-updated', targetId: 'r1', relatedType: 'bulk-job', relatedId: 'job-1' },
					{ action: 'room.access-updated', targetId: 'r2', relatedType: null, relatedId: null }
				]);
			} finally {
				await client.end();
			}
		} finally {
			await old.drop();
		}
	});
});

describe('listing the log', () => {
	it('filters by actor, target (with the memberships of a group), action and time, newest first', async () => {
		const [ada, bob] = [await person('Ada'), await person('Bob')];
		const group = unique('designers');
		const room = unique('room');
		const at = (iso: string) => new Date(iso);
		await database.db.auditEvent.createMany({
			data: [
				{
					actorId: ada.id,
					action: 'group.created',
					targetType: 'group',
					targetId: group,
					createdAt: at('2020-01-01T10:00:00Z')
				},
				{
					actorId: ada.id,
					action: 'room.access-updated',
					targetType: 'room',
					targetId: room,
					createdAt: at('2020-01-01T11:00:00Z')
				},
				{
					actorId: bob.id,
					action: 'room.access-updated',
					targetType: 'room',
					targetId: room,
					createdAt: at('2020-01-02T09:30:00Z')
				},
				{
					actorId: null,
					action: 'room.deleted',
					targetType: 'room',
					targetId: room,
					createdAt: at('2020-01-03T00:00:00Z')
				}
			]
		});
		// Memberships are about the person and related to the group: the group's history lists them.
		await database.db.group.create({ data: { id: group, name: 'Designers' } });
		await addMembersToGroup(database.db, bob.id, group, [ada.id]);
		await removeMembersFromGroup(database.db, bob.id, group, [ada.id]);

		const actions = async (search: string) =>
			(await listAuditEvents(database.db, query(search), 50)).events.map((e) => `${e.action} ${e.targetId}`);

		expect(await actions(`target=group:${group}`)).toEqual([
			`membership.removed ${ada.id}`,
			`membership.added ${ada.id}`,
			`group.created ${group}`
		]);
		expect(await actions(`target=room:${room}`)).toEqual([
			`room.deleted ${room}`,
			`room.access-updated ${room}`,
			`room.access-updated ${room}`
		]);
		expect(await actions(`target=room:${room}&actor=${ada.id}`)).toEqual([`room.access-updated ${room}`]);
		expect(await actions(`actor=${ada.id}`)).toEqual([
			`room.access-updated ${room}`,
			`group.created ${group}`
		]);
		expect(await actions(`target=room:${room}&action=room.deleted`)).toEqual([`room.deleted ${room}`]);
		expect(await actions(`target=room:${room}&from=2020-01-01T11:00&to=2020-01-02`)).toEqual([
			`room.access-updated ${room}`,
			`room.access-updated ${room}`
		]);
		expect(await actions(`target=room:${room}&to=2020-01-01T10:59`)).toEqual([]);
		expect(await actions(`target=room:${room}&from=2020-01-02T09:31`)).toEqual([`room.deleted ${room}`]);
	});

	it('pages by keyset both ways, through events that share one time, and exports every one', async () => {
		const target = { type: 'room', id: unique('busy') } as const;
		// One transaction: every event gets the same createdAt, so only the id orders them.
		await database.db.$transaction((tx) =>
			tx.auditEvent.createMany({
				data: Array.from({ length: 7 }, (_, i) => ({
					actorId: null,
					action: 'room.access-updated',
					targetType: target.type,
					targetId: target.id,
					after: { n: i }
				}))
			})
		);
		const filter = query(`target=room:${target.id}`);
		const numbers = (events: { after: unknown }[]) => events.map((event) => (event.after as { n: number }).n);

		const first = await listAuditEvents(database.db, filter, 3);
		expect(numbers(first.events)).toEqual([6, 5, 4]);
		expect(first.previous).toBeNull();
		const second = await listAuditEvents(database.db, { ...filter, after: first.next }, 3);
		expect(numbers(second.events)).toEqual([3, 2, 1]);
		const third = await listAuditEvents(database.db, { ...filter, after: second.next }, 3);
		expect(numbers(third.events)).toEqual([0]);
		expect(third.next).toBeNull();

		const back = await listAuditEvents(database.db, { ...filter, before: third.previous }, 3);
		expect(numbers(back.events)).toEqual([3, 2, 1]);
		const backToFirst = await listAuditEvents(database.db, { ...filter, before: back.previous }, 3);
		expect(numbers(backToFirst.events)).toEqual([6, 5, 4]);
		expect(backToFirst.previous).toBeNull();

		const exported: number[] = [];
		for await (const batch of auditEventsForExport(database.db, filter, 2)) {
			exported.push(...batch.map((entry) => (entry.after as { n: number }).n));
		}
		expect(exported).toEqual([6, 5, 4, 3, 2, 1, 0]);
	});
});
