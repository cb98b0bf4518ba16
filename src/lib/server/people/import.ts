import { CsvSyntaxError, parseCsv, restoreFormulaCell } from '$lib/csv';
import { normaliseEmail } from '$lib/email';
import { readHeader, splitGroups, type Header, type ImportColumn } from '$lib/people-csv';
import { personSchema, type PersonInput } from '$lib/schemas/person';
import { hasNul, nulMessage } from '$lib/schemas/text';
import { addMembers, removeMembers } from '../groups/memberships';
import type { Database } from '../prisma-client';
import { EmailTaken, GroupNotFound, MembershipChanged, PersonNotFound } from '../domain-errors';
import { withTransaction, type DbOrTx, type Tx } from '../transaction';
import { insertPerson, updatePerson } from './write';
import { personProfileSelect } from './fields';

/*
 * CSV import of people, keyed by email. What a file means (the import page explains the same):
 * - A column left out is left alone for people who exist; new people get the defaults.
 * - A blank cell means "none" where none is possible (avatarUrl, color, groups) and "keep as is"
 *   where it is not (name, role, status; new people get member and active).
 * - `groups` lists, separated by `;`, every group the person should be in: groups not listed are
 *   left. That is what an admin who exports, edits the cell and imports back expects.
 * - `status` changes nobody unless the file has a status column.
 * - Imported people get no password: they sign in through a provider, or an admin sets one.
 */

export const importLimits = { rows: 5_000, bytes: 1_000_000 } as const;

const profileFields = ['name', 'role', 'status', 'avatarUrl', 'color'] as const;
type ProfileField = (typeof profileFields)[number];

export type FieldChange = { field: ProfileField; before: string | null; after: string | null };

export type RowChange =
	| { kind: 'create'; person: PersonInput; groupsAdded: string[] }
	| {
			kind: 'update';
			personId: string;
			person: PersonInput;
			fields: FieldChange[];
			groupsAdded: string[];
			groupsRemoved: string[];
	  }
	| { kind: 'unchanged'; personId: string };

export type RowError = { column: ImportColumn | null; message: string };

export type PlannedRow = {
	/** As a spreadsheet numbers it: the header is row 1. */
	row: number;
	/** The email cell as typed. */
	email: string;
	values: Partial<Record<ImportColumn, string>>;
	errors: RowError[];
	/** What applying would do; null when the row has errors. */
	change: RowChange | null;
};

export type ImportTotals = { create: number; update: number; unchanged: number; errors: number };

export type ImportPlan = {
	/** Problems with the file as a whole (size, syntax, header): no row is planned then. */
	problems: string[];
	rows: PlannedRow[];
	totals: ImportTotals;
};

export type ImportResult =
	| {
			applied: true;
			plan: ImportPlan;
			people: { id: string; email: string; name: string; kind: 'create' | 'update' }[];
	  }
	| { applied: false; plan: ImportPlan; reason: 'invalid' | 'changed' };

/** True when applying the plan would write everything it shows and nothing else. */
export function canApply(plan: ImportPlan): boolean {
	return plan.problems.length === 0 && plan.totals.errors === 0 && plan.rows.length > 0;
}

const noTotals: ImportTotals = { create: 0, update: 0, unchanged: 0, errors: 0 };
const refuse = (...problems: string[]): ImportPlan => ({ problems, rows: [], totals: noTotals });

type ReadRow = { row: number; values: Partial<Record<ImportColumn, string>>; errors: RowError[] };

/** The file's rows as cells by column, or the problems that stop it being read at all. */
function readRows(csvText: string): { rows: ReadRow[] } | { problems: string[] } {
	const bytes = Buffer.byteLength(csvText, 'utf8');
	if (bytes > importLimits.bytes) {
		return {
			problems: [
				`The file has ${(bytes / 1_000_000).toFixed(1)} MB; an import takes at most ${importLimits.bytes / 1_000_000} MB. Split it into several files.`
			]
		};
	}
	let records: string[][];
	try {
		records = parseCsv(csvText);
	} catch (error) {
		if (error instanceof CsvSyntaxError)
			return { problems: [`The file is not valid CSV. ${error.message}.`] };
		throw error;
	}
	const [headerCells, ...data] = records;
	if (!headerCells) return { problems: ['The file is empty.'] };
	const read = readHeader(headerCells);
	if ('problems' in read) return read;
	const rows = data
		.map((cells, index) => readRow(read.header, cells, index + 2))
		.filter((row): row is ReadRow => row !== null);
	if (rows.length === 0) return { problems: ['The file has a header but no people.'] };
	if (rows.length > importLimits.rows) {
		return {
			problems: [
				`The file has ${rows.length.toLocaleString('en')} people; an import takes at most ${importLimits.rows.toLocaleString('en')}. Split it into several files.`
			]
		};
	}
	return { rows };
}

function readRow(header: Header, cells: string[], row: number): ReadRow | null {
	if (cells.every((cell) => cell.trim() === '')) return null;
	const values: ReadRow['values'] = {};
	header.forEach((column, index) => {
		if (column) values[column] = restoreFormulaCell(cells[index] ?? '').trim();
	});
	// A short row would silently blank its last columns, which for `groups` means leaving every group.
	const errors: RowError[] =
		cells.length === header.length
			? []
			: [
					{
						column: null,
						message: `This row has ${cells.length} cells; the first row names ${header.length} columns.`
					}
				];
	// PostgreSQL text cannot hold a NUL: such a cell is the row's error and is never looked up.
	for (const [column, value] of Object.entries(values) as [ImportColumn, string][]) {
		if (hasNul(value)) errors.push({ column, message: nulMessage });
	}
	return { row, values, errors };
}

type Existing = {
	id: string;
	email: string;
	name: string;
	role: PersonInput['role'];
	status: PersonInput['status'];
	avatarUrl: string | null;
	color: string | null;
	memberships: { groupId: string }[];
};

/**
 * The dry run: what importing `csvText` would do, row by row, without writing anything.
 * `actorId` is who would apply it: nobody may change their own role or status by import.
 */
export async function planImport(
	tx: DbOrTx,
	csvText: string,
	{ actorId }: { actorId?: string } = {}
): Promise<ImportPlan> {
	const read = readRows(csvText);
	if ('problems' in read) return refuse(...read.problems);
	const { rows } = read;

	const emails = rows.map((row) => normaliseEmail(row.values.email ?? ''));
	const groupIds = [...new Set(rows.flatMap((row) => splitGroups(row.values.groups ?? '')))].filter(
		(id) => !hasNul(id)
	);
	const [people, groups] = await Promise.all([
		tx.person.findMany({
			where: { email: { in: emails.filter((email) => email !== '' && !hasNul(email)) } },
			select: {
				...personProfileSelect,
				memberships: { select: { groupId: true } }
			}
		}),
		tx.group.findMany({ where: { id: { in: groupIds } }, select: { id: true } })
	]);
	const existingByEmail = new Map<string, Existing>(people.map((person) => [person.email, person]));
	const knownGroups = new Set(groups.map((group) => group.id));
	const rowsByEmail = new Map<string, ReadRow[]>();
	rows.forEach((row, index) => {
		const same = rowsByEmail.get(emails[index]!);
		if (same) same.push(row);
		else rowsByEmail.set(emails[index]!, [row]);
	});

	const planned = rows.map((row, index): PlannedRow => {
		const email = emails[index]!;
		const existing = existingByEmail.get(email);
		const errors = [...row.errors];
		const others = email === '' ? [] : rowsByEmail.get(email)!.filter((other) => other !== row);
		if (others.length > 0) {
			errors.push({
				column: 'email',
				message: `This email is also on row ${others.map((other) => other.row).join(', ')}.`
			});
		}
		// One message per bad cell: a cell refused while reading is not judged again.
		const refused = new Set(row.errors.map((error) => error.column));
		const person = personSchema.safeParse(personInput(row.values, existing));
		if (!person.success) {
			for (const issue of person.error.issues) {
				const column = (issue.path[0] as ImportColumn | undefined) ?? null;
				if (!column || !refused.has(column)) errors.push({ column, message: issue.message });
			}
		}
		const wanted = 'groups' in row.values ? splitGroups(row.values.groups!) : null;
		const unknown = refused.has('groups') ? [] : (wanted?.filter((id) => !knownGroups.has(id)) ?? []);
		if (unknown.length > 0) {
			errors.push({
				column: 'groups',
				message: `No group has the id ${unknown.map((id) => `“${id}”`).join(', ')}. Use group ids, separated by “;”.`
			});
		}
		if (person.success && existing && existing.id === actorId) {
			for (const field of ['role', 'status'] as const) {
				if (person.data[field] !== existing[field]) {
					errors.push({ column: field, message: `You cannot change your own ${field} by import.` });
				}
			}
		}
		const base = { row: row.row, email: row.values.email ?? '', values: row.values, errors };
		if (errors.length > 0 || !person.success) return { ...base, change: null };
		return { ...base, change: changeFor(person.data, existing, wanted) };
	});

	return { problems: [], rows: planned, totals: totalsOf(planned) };
}

/** The person the row describes, reading left-out columns and blank cells as the file format says. */
function personInput(values: ReadRow['values'], existing: Existing | undefined): Record<string, unknown> {
	const keepIfBlank = (field: 'name' | 'role' | 'status') => {
		const value = values[field];
		return value ? (field === 'name' ? value : value.toLowerCase()) : existing?.[field];
	};
	const noneIfBlank = (field: 'avatarUrl' | 'color') =>
		field in values ? values[field] || null : (existing?.[field] ?? null);
	return {
		email: values.email ?? '',
		name: keepIfBlank('name') ?? '',
		role: keepIfBlank('role'),
		status: keepIfBlank('status'),
		avatarUrl: noneIfBlank('avatarUrl'),
		color: noneIfBlank('color')
	};
}

function changeFor(person: PersonInput, existing: Existing | undefined, wanted: string[] | null): RowChange {
	if (!existing) return { kind: 'create', person, groupsAdded: wanted ?? [] };
	const fields = profileFields
		.filter((field) => person[field] !== existing[field])
		.map((field) => ({ field, before: existing[field], after: person[field] }));
	const current = existing.memberships.map((membership) => membership.groupId);
	const groupsAdded = wanted?.filter((id) => !current.includes(id)) ?? [];
	const groupsRemoved = wanted ? current.filter((id) => !wanted.includes(id)).sort() : [];
	if (fields.length === 0 && groupsAdded.length === 0 && groupsRemoved.length === 0) {
		return { kind: 'unchanged', personId: existing.id };
	}
	return { kind: 'update', personId: existing.id, person, fields, groupsAdded, groupsRemoved };
}

function totalsOf(rows: PlannedRow[]): ImportTotals {
	const totals = { ...noTotals };
	for (const row of rows) {
		if (row.change) totals[row.change.kind === 'create' ? 'create' : row.change.kind]++;
		else totals.errors++;
	}
	return totals;
}

const sameTotals = (a: ImportTotals, b: ImportTotals) =>
	a.create === b.create && a.update === b.update && a.unchanged === b.unchanged && a.errors === b.errors;

/** What another admin can do between the plan and its write that makes the write fail. */
const changedMeanwhile = [EmailTaken, GroupNotFound, PersonNotFound, MembershipChanged];

/** Long enough for the largest file: about 10,000 statements, each a round trip to the database. */
const applyTimeoutMs = 5 * 60_000;

/**
 * Plans the file again inside one transaction and applies every row, or nothing when any row has
 * an error. With `confirmed` (the totals the admin saw in the dry run), nothing is applied either
 * if the database changed since so that the totals differ: the admin should look again.
 * Every change is audited through the domain functions, in the same transaction.
 */
export async function applyImport(
	db: Database,
	actorId: string,
	csvText: string,
	{ confirmed }: { confirmed?: ImportTotals } = {}
): Promise<ImportResult> {
	try {
		return await withTransaction(
			db,
			async (tx): Promise<ImportResult> => {
				const plan = await planImport(tx, csvText, { actorId });
				if (!canApply(plan)) return { applied: false, plan, reason: 'invalid' };
				if (confirmed && !sameTotals(plan.totals, confirmed))
					return { applied: false, plan, reason: 'changed' };
				return { applied: true, plan, people: await applyPlan(tx, actorId, plan) };
			},
			{ timeout: applyTimeoutMs, maxWait: 10_000 }
		);
	} catch (error) {
		// Someone created one of these emails, or deleted a group or person it names, between the plan
		// and the write: show the plan as it is now.
		if (changedMeanwhile.some((kind) => error instanceof kind)) {
			return { applied: false, plan: await planImport(db, csvText, { actorId }), reason: 'changed' };
		}
		throw error;
	}
}

async function applyPlan(tx: Tx, actorId: string, plan: ImportPlan) {
	const people: Extract<ImportResult, { applied: true }>['people'] = [];
	const added = new Map<string, string[]>();
	const removed = new Map<string, string[]>();
	const collect = (into: Map<string, string[]>, groupIds: string[], personId: string) => {
		for (const groupId of groupIds) {
			const personIds = into.get(groupId);
			if (personIds) personIds.push(personId);
			else into.set(groupId, [personId]);
		}
	};
	for (const { change } of plan.rows) {
		if (!change || change.kind === 'unchanged') continue;
		let id: string;
		if (change.kind === 'create') id = (await insertPerson(tx, actorId, change.person)).id;
		else {
			id = change.personId;
			// A row that only changes groups leaves the person, and their audit trail, alone.
			if (change.fields.length > 0) await updatePerson(tx, actorId, id, change.person);
			collect(removed, change.groupsRemoved, id);
		}
		collect(added, change.groupsAdded, id);
		people.push({ id, email: change.person.email, name: change.person.name, kind: change.kind });
	}
	// One call per group, so a group's memberships are written and audited in one batch.
	for (const [groupId, personIds] of removed) await removeMembers(tx, actorId, groupId, personIds);
	for (const [groupId, personIds] of added) await addMembers(tx, actorId, groupId, personIds);
	return people;
}
