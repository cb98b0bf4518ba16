import { defuseFormulaCell } from './csv';

/**
 * The people CSV format, shared by the export and the import so that an export imports back
 * unchanged. Pure: column names, the header check, the groups cell and an exported record.
 */

export const exportColumns = [
	'email',
	'name',
	'role',
	'status',
	'groups',
	'avatarUrl',
	'color',
	'createdAt'
] as const;

export type ExportedPerson = {
	email: string;
	name: string;
	role: string;
	status: string;
	/** Group ids. */
	groups: readonly string[];
	avatarUrl: string | null;
	color: string | null;
	createdAt: Date;
};

/** One person's cells in `exportColumns` order, defused so a spreadsheet runs none as a formula. */
export function exportRecord(person: ExportedPerson): string[] {
	const cells: Record<(typeof exportColumns)[number], string> = {
		email: person.email,
		name: person.name,
		role: person.role,
		status: person.status,
		groups: joinGroups(person.groups),
		avatarUrl: person.avatarUrl ?? '',
		color: person.color ?? '',
		createdAt: person.createdAt.toISOString()
	};
	return exportColumns.map((column) => defuseFormulaCell(cells[column]));
}

/** Columns an import reads; `email` is the only one it needs. */
export const importColumns = ['email', 'name', 'role', 'status', 'groups', 'avatarUrl', 'color'] as const;
export type ImportColumn = (typeof importColumns)[number];

/** In every export, so accepted by the import, which ignores it: the database sets it. */
const ignoredColumns = ['createdAt'] as const;

/** Group ids in one cell: `design;reviewers`. */
export const groupSeparator = ';';

export function splitGroups(cell: string): string[] {
	const ids = cell
		.split(groupSeparator)
		.map((id) => id.trim())
		.filter((id) => id !== '');
	return [...new Set(ids)];
}

export function joinGroups(ids: readonly string[]): string {
	return ids.join(groupSeparator);
}

/** `Avatar URL`, `avatar_url` and `avatarurl` all mean `avatarUrl`. */
const canonical = (name: string) => name.toLowerCase().replaceAll(/[\s_-]/g, '');
const known = new Map<string, ImportColumn | null>([
	...importColumns.map((column) => [canonical(column), column] as const),
	...ignoredColumns.map((column) => [canonical(column), null] as const)
]);

/** Each header cell's column, or null for a column the import ignores. */
export type Header = (ImportColumn | null)[];

export function readHeader(cells: readonly string[]): { header: Header } | { problems: string[] } {
	const problems: string[] = [];
	const header: Header = [];
	const seen = new Set<ImportColumn>();
	cells.forEach((cell, index) => {
		const name = cell.trim();
		const column = known.get(canonical(name));
		if (name === '') {
			problems.push(`Column ${index + 1} of the first row has no name.`);
		} else if (column === undefined) {
			problems.push(`Unknown column “${name}”. Known columns: ${exportColumns.join(', ')}.`);
		} else if (column && seen.has(column)) {
			problems.push(`The column “${column}” appears twice.`);
		}
		if (column) seen.add(column);
		header.push(column ?? null);
	});
	if (!seen.has('email')) {
		problems.unshift('The first row must name the columns and include “email”, e.g. email,name,role,groups.');
	}
	return problems.length > 0 ? { problems } : { header };
}
