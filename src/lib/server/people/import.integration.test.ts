import { describe, expect, it } from 'vitest';
import { personSchema } from '$lib/schemas/person';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { addMembersToGroup } from '../groups/memberships';
import { withTransaction } from '../transaction';
import { applyImport, importLimits, planImport } from './import';
import { createPerson } from './write';

const database = useMigratedDatabase('people_import');

const unique = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
const email = (prefix: string) => `${unique(prefix)}@example.com`;
const csv = (...lines: string[]) => lines.join('\n') + '\n';

async function group() {
	return (await database.db.group.create({ data: { id: unique('group'), name: 'Group' } })).id;
}

async function admin() {
	return createPerson(
		database.db,
		null,
		personSchema.parse({ name: 'Ada Admin', email: email('admin'), role: 'admin' })
	);
}

async function person(fields: { name?: string; role?: 'member' | 'support'; groups?: string[] } = {}) {
	const created = await createPerson(
		database.db,
		null,
		personSchema.parse({ name: fields.name ?? 'Pat', email: email('pat'), role: fields.role })
	);
	for (const groupId of fields.groups ?? [])
		await addMembersToGroup(database.db, 'admin', groupId, [created.id]);
	return created;
}

const groupsOf = async (personId: string) =>
	(await database.db.groupMembership.findMany({ where: { personId }, orderBy: { groupId: 'asc' } })).map(
		(membership) => membership.groupId
	);

describe('planImport', () => {
	it('shows what each row would do without writing anything', async () => {
		const [design, ops] = [await group(), await group()];
		const existing = await person({ name: 'Old Name', groups: [ops] });
		const same = await person({ name: 'Same' });
		const newEmail = email('new');
		const plan = await planImport(
			database.db,
			csv(
				'email,name,role,groups',
				`${newEmail},New Person,support,${design}`,
				`${existing.email.toUpperCase()},New Name,,${design}`,
				`${same.email},Same,member,`
			)
		);
		expect(plan.problems).toEqual([]);
		expect(plan.totals).toEqual({ create: 1, update: 1, unchanged: 1, errors: 0 });
		expect(plan.rows.map((row) => [row.row, row.change?.kind])).toEqual([
			[2, 'create'],
			[3, 'update'],
			[4, 'unchanged']
		]);
		expect(plan.rows[0]!.change).toMatchObject({
			person: { email: newEmail, name: 'New Person', role: 'support', status: 'active' },
			groupsAdded: [design]
		});
		expect(plan.rows[1]!.change).toEqual({
			kind: 'update',
			personId: existing.id,
			person: expect.objectContaining({ name: 'New Name', role: 'member' }),
			fields: [{ field: 'name', before: 'Old Name', after: 'New Name' }],
			groupsAdded: [design],
			groupsRemoved: [ops]
		});
		expect(await database.db.person.count({ where: { email: newEmail } })).toBe(0);
		expect(await groupsOf(existing.id)).toEqual([ops]);
	});

	it('marks every row that repeats an email, however it is spelt', async () => {
		const repeated = email('twice');
		const plan = await planImport(
			database.db,
			csv('email,name', `${repeated},One`, `${email('other')},Other`, ` ${repeated.toUpperCase()},Two`)
		);
		expect(plan.totals).toEqual({ create: 1, update: 0, unchanged: 0, errors: 2 });
		expect(plan.rows[0]!.errors).toEqual([{ column: 'email', message: 'This email is also on row 4.' }]);
		expect(plan.rows[2]!.errors).toEqual([{ column: 'email', message: 'This email is also on row 2.' }]);
	});

	it('reports invalid cells and unknown groups next to their column', async () => {
		const known = await group();
		const plan = await planImport(
			database.db,
			csv(
				'email,name,role,groups,color',
				'not-an-email,Nobody,member,,',
				`${email('x')},,owner,${known};ghost-group,blue`
			)
		);
		expect(plan.rows[0]!.errors).toEqual([{ column: 'email', message: 'Enter a valid email address' }]);
		expect(plan.rows[1]!.errors).toEqual([
			{ column: 'name', message: 'Enter a name' },
			{ column: 'role', message: 'Choose admin, support or member' },
			{ column: 'color', message: 'Use a colour like #1d4ed8' },
			{ column: 'groups', message: 'No group has the id “ghost-group”. Use group ids, separated by “;”.' }
		]);
		expect(plan.rows.every((row) => row.change === null)).toBe(true);
	});

	it('refuses a row with more or fewer cells than the header', async () => {
		const plan = await planImport(database.db, csv('email,name,groups', `${email('short')},Short`));
		expect(plan.rows[0]!.errors).toContainEqual({
			column: null,
			message: 'This row has 2 cells; the first row names 3 columns.'
		});
	});

	it('keeps what the file leaves out, and blank name, role and status cells', async () => {
		const design = await group();
		const existing = await person({ name: 'Kept', role: 'support', groups: [design] });
		await database.db.person.update({
			where: { id: existing.id },
			data: { avatarUrl: 'https://example.com/a.png', color: '#123456' }
		});
		const plan = await planImport(database.db, csv('email,name,role,status', `${existing.email},,,`));
		expect(plan.rows[0]!.change).toEqual({ kind: 'unchanged', personId: existing.id });
	});

	it('reads a blank avatarUrl, color or groups cell as none', async () => {
		const design = await group();
		const existing = await person({ groups: [design] });
		await database.db.person.update({ where: { id: existing.id }, data: { color: '#123456' } });
		const plan = await planImport(database.db, csv('email,color,groups', `${existing.email},,`));
		expect(plan.rows[0]!.change).toMatchObject({
			kind: 'update',
			fields: [{ field: 'color', before: '#123456', after: null }],
			groupsAdded: [],
			groupsRemoved: [design]
		});
	});

	it('changes a status only through a status column', async () => {
		const existing = await person();
		const plan = await planImport(database.db, csv('email,status', `${existing.email},Deactivated`));
		expect(plan.rows[0]!.change).toMatchObject({
			fields: [{ field: 'status', before: 'active', after: 'deactivated' }]
		});
	});

	it('does not let the importing admin change their own role or status', async () => {
		const me = await admin();
		const plan = await planImport(database.db, csv('email,role,status', `${me.email},member,deactivated`), {
			actorId: me.id
		});
		expect(plan.rows[0]!.errors).toEqual([
			{ column: 'role', message: 'You cannot change your own role by import.' },
			{ column: 'status', message: 'You cannot change your own status by import.' }
		]);
	});

	it('reads cells an export defused against formulas as they were', async () => {
		const plan = await planImport(database.db, csv('email,name', `${email('formula')},'=Not a formula`));
		expect(plan.rows[0]!.change).toMatchObject({ person: { name: '=Not a formula' } });
	});

	it('skips blank lines and accepts a BOM, CRLF and quoted fields', async () => {
		const plan = await planImport(database.db, `\uFEFFemail,name\r\n\r\n${email('q')},"Doe, Jane"\r\n,\r\n`);
		expect(plan.problems).toEqual([]);
		expect(plan.rows).toHaveLength(1);
		expect(plan.rows[0]!.change).toMatchObject({ person: { name: 'Doe, Jane' } });
	});

	it.each([
		['', 'The file is empty.'],
		['email,name\n', 'The file has a header but no people.'],
		['name\nx\n', 'The first row must name the columns and include “email”, e.g. email,name,role,groups.'],
		['email\n"open\n', 'The file is not valid CSV. Line 2: a quoted field is never closed.']
	])('refuses the whole file %j', async (text, problem) => {
		expect(await planImport(database.db, text)).toEqual({
			problems: [problem],
			rows: [],
			totals: { create: 0, update: 0, unchanged: 0, errors: 0 }
		});
	});

	it('refuses more rows or bytes than an import takes', async () => {
		const rows = Array.from({ length: importLimits.rows + 1 }, (_, i) => `p${i}@example.com,P`);
		expect((await planImport(database.db, csv('email,name', ...rows))).problems).toEqual([
			'The file has 5,001 people; an import takes at most 5,000. Split it into several files.'
		]);
		const big = csv('email,name', `a@example.com,${'x'.repeat(importLimits.bytes)}`);
		expect((await planImport(database.db, big)).problems).toEqual([
			'The file has 1.0 MB; an import takes at most 1 MB. Split it into several files.'
		]);
	});
});

describe('applyImport', () => {
	it('creates, updates and regroups people, auditing each change in one go', async () => {
		const me = await admin();
		const [design, ops] = [await group(), await group()];
		const existing = await person({ name: 'Before', groups: [ops] });
		const newEmail = email('created');
		const result = await applyImport(
			database.db,
			me.id,
			csv(
				'email,name,role,groups',
				`${newEmail},Created,support,${design};${ops}`,
				`${existing.email},After,member,${design}`
			)
		);
		expect(result.applied).toBe(true);
		const created = await database.db.person.findUniqueOrThrow({ where: { email: newEmail } });
		expect(created).toMatchObject({ name: 'Created', role: 'support', status: 'active', passwordHash: null });
		expect(await groupsOf(created.id)).toEqual([design, ops].sort());
		expect(await groupsOf(existing.id)).toEqual([design]);
		expect(result.applied && result.people).toEqual([
			{ id: created.id, email: newEmail, name: 'Created', kind: 'create' },
			{ id: existing.id, email: existing.email, name: 'After', kind: 'update' }
		]);

		const events = await database.db.auditEvent.findMany({
			where: { actorId: me.id },
			orderBy: { id: 'asc' }
		});
		expect(events.map((event) => [event.action, event.targetId, event.before, event.after])).toEqual(
			expect.arrayContaining([
				['person.created', created.id, null, expect.objectContaining({ name: 'Created' })],
				[
					'person.updated',
					existing.id,
					expect.objectContaining({ name: 'Before' }),
					expect.objectContaining({ name: 'After' })
				],
				['membership.removed', existing.id, { groupId: ops }, null],
				['membership.added', created.id, null, { groupId: design }],
				['membership.added', existing.id, null, { groupId: design }],
				['membership.added', created.id, null, { groupId: ops }]
			])
		);
		expect(events).toHaveLength(6);
	});

	it('applies nothing when one row is bad, and says which', async () => {
		const me = await admin();
		const design = await group();
		const existing = await person({ name: 'Untouched' });
		const good = email('good');
		const result = await applyImport(
			database.db,
			me.id,
			csv('email,name,groups', `${good},Good,${design}`, `${existing.email},Changed,`, 'broken,Bad,')
		);
		expect(result).toMatchObject({ applied: false, reason: 'invalid' });
		expect(result.plan.rows[2]!.errors).toEqual([
			{ column: 'email', message: 'Enter a valid email address' }
		]);
		expect(await database.db.person.count({ where: { email: good } })).toBe(0);
		expect((await database.db.person.findUniqueOrThrow({ where: { id: existing.id } })).name).toBe(
			'Untouched'
		);
		expect(await database.db.auditEvent.count({ where: { actorId: me.id } })).toBe(0);
	});

	it('applies nothing when the database changed since the dry run the admin confirmed', async () => {
		const me = await admin();
		const first = email('first');
		const taken = email('taken');
		const text = csv('email,name', `${first},First`, `${taken},Taken`);
		const plan = await planImport(database.db, text);
		await createPerson(database.db, null, personSchema.parse({ name: 'Someone else', email: taken }));
		const result = await applyImport(database.db, me.id, text, { confirmed: plan.totals });
		expect(result).toMatchObject({ applied: false, reason: 'changed' });
		expect(result.plan.totals).toEqual({ create: 1, update: 1, unchanged: 0, errors: 0 });
		expect(await database.db.person.count({ where: { email: first } })).toBe(0);
	});

	it('applies nothing, and shows the plan as it is now, when a group it names is deleted during the write', async () => {
		const me = await admin();
		const doomed = await group();
		const newcomer = email('newcomer');
		let deleting!: () => void;
		let commit!: () => void;
		const deleted = new Promise<void>((resolve) => (deleting = resolve));
		// The group's row stays locked by its deletion until the import is waiting on it.
		const deletion = withTransaction(database.db, async (tx) => {
			await tx.group.delete({ where: { id: doomed } });
			deleting();
			await new Promise<void>((resolve) => (commit = resolve));
		});
		await deleted;
		const result = applyImport(database.db, me.id, csv('email,name,groups', `${newcomer},New,${doomed}`));
		await new Promise((resolve) => setTimeout(resolve, 300));
		commit();
		await deletion;
		expect(await result).toMatchObject({
			applied: false,
			reason: 'changed',
			plan: { totals: { errors: 1 }, rows: [{ errors: [{ column: 'groups' }] }] }
		});
		expect(await database.db.person.count({ where: { email: newcomer } })).toBe(0);
	});

	it('rolls back the rows already written when a later write fails', async () => {
		const me = await admin();
		const doomed = `${unique('doomed')}@example.com`;
		// A real failure inside PostgreSQL on the second row's insert, after the first row is written.
		await database.db.$executeRawUnsafe(`
			CREATE OR REPLACE FUNCTION refuse_doomed() RETURNS trigger AS $$
			BEGIN
				IF NEW.email LIKE 'doomed-%' THEN RAISE EXCEPTION 'refused by test trigger'; END IF;
				RETURN NEW;
			END $$ LANGUAGE plpgsql`);
		await database.db.$executeRawUnsafe(
			'CREATE OR REPLACE TRIGGER refuse_doomed BEFORE INSERT ON "Person" FOR EACH ROW EXECUTE FUNCTION refuse_doomed()'
		);
		const first = email('before-doomed');
		try {
			await expect(
				applyImport(database.db, me.id, csv('email,name', `${first},First`, `${doomed},Doomed`))
			).rejects.toThrow('refused by test trigger');
		} finally {
			await database.db.$executeRawUnsafe('DROP TRIGGER refuse_doomed ON "Person"');
		}
		expect(await database.db.person.count({ where: { email: first } })).toBe(0);
		expect(await database.db.auditEvent.count({ where: { actorId: me.id } })).toBe(0);
	});

	it('imports the same file a second time as all unchanged, writing nothing', async () => {
		const me = await admin();
		const design = await group();
		const text = csv(
			'email,name,role,status,groups,avatarUrl,color',
			`${email('again')},Again,member,active,${design},https://example.com/a.png,#1d4ed8`,
			`${email('again')},Twice,support,deactivated,,,`
		);
		expect((await applyImport(database.db, me.id, text)).applied).toBe(true);
		const eventsAfterFirst = await database.db.auditEvent.count({ where: { actorId: me.id } });
		const second = await applyImport(database.db, me.id, text);
		expect(second).toMatchObject({ applied: true, people: [] });
		expect(second.plan.totals).toEqual({ create: 0, update: 0, unchanged: 2, errors: 0 });
		expect(await database.db.auditEvent.count({ where: { actorId: me.id } })).toBe(eventsAfterFirst);
	});

	it('changes only groups without a person.updated event', async () => {
		const me = await admin();
		const design = await group();
		const existing = await person();
		await applyImport(database.db, me.id, csv('email,groups', `${existing.email},${design}`));
		const events = await database.db.auditEvent.findMany({ where: { actorId: me.id } });
		expect(events.map((event) => event.action)).toEqual(['membership.added']);
	});
});
