// A room's accesses as the editor shows them, one row of levels per principal, and what differs
// between two versions of them, row by row and cell by cell.
import { diffRoomAccess } from './diff';
import { emptyRow, scopesToRow, rowToScopes, type AccessRow, type RoomAccesses } from './scopes';

export type EntryKind = 'group' | 'user';
export type Principal = { kind: 'default' } | { kind: EntryKind; id: string };
export type MatrixEntry = { id: string; row: AccessRow };
export type AccessMatrix = { defaultRow: AccessRow; groups: MatrixEntry[]; users: MatrixEntry[] };
/** A cell of a row: a resource, or the legacy presence flag. */
export type Cell = keyof AccessRow;

export const entryField = { group: 'groupsAccesses', user: 'usersAccesses' } as const;
/** Every cell of a row, in the editor's column order. */
export const cells = Object.keys(emptyRow) as Cell[];

export function matrixOf(accesses: RoomAccesses): AccessMatrix {
	const entries = (lists: Record<string, string[]>) =>
		Object.entries(lists).map(([id, scopes]) => ({ id, row: scopesToRow(scopes) }));
	return {
		defaultRow: scopesToRow(accesses.defaultAccesses),
		groups: entries(accesses.groupsAccesses),
		users: entries(accesses.usersAccesses)
	};
}

/**
 * The matrix as Liveblocks' lists. A row that reads the same as its list in `loaded` keeps that list
 * as it was written (a legacy `room:read` stays), so only rows the editor changed are rewritten.
 */
export function matrixToAccesses(matrix: AccessMatrix, loaded: RoomAccesses): RoomAccesses {
	const written = (row: AccessRow, before: readonly string[] | undefined) =>
		before && sameRow(scopesToRow(before), row) ? [...before] : rowToScopes(row);
	const lists = (entries: MatrixEntry[], before: Record<string, string[]>) =>
		Object.fromEntries(
			entries.map(({ id, row }) => [id, written(row, Object.hasOwn(before, id) ? before[id] : undefined)])
		);
	return {
		defaultAccesses: written(matrix.defaultRow, loaded.defaultAccesses),
		groupsAccesses: lists(matrix.groups, loaded.groupsAccesses),
		usersAccesses: lists(matrix.users, loaded.usersAccesses)
	};
}

/** A principal as a string, unique in a room: for keys, ids and comparisons. */
export function principalKey(principal: Principal): string {
	return principal.kind === 'default' ? 'default' : `${principal.kind}:${principal.id}`;
}

/** The principal's list in `accesses`, or undefined where it has no entry. */
export function listOf(accesses: RoomAccesses, principal: Principal): string[] | undefined {
	if (principal.kind === 'default') return accesses.defaultAccesses;
	const lists = accesses[entryField[principal.kind]];
	return Object.hasOwn(lists, principal.id) ? lists[principal.id] : undefined;
}

export function sameRow(a: AccessRow, b: AccessRow): boolean {
	return cells.every((cell) => a[cell] === b[cell]);
}

/**
 * What an `inherit` cell of the default row resolves to: the room level, and for the comment
 * visibilities the comments level. (In a group or user row, `inherit` leaves the resource to the
 * rules before it; only a person's resolution can say what that gives.)
 */
export function inheritedLevel(row: AccessRow, cell: Exclude<Cell, 'room' | 'presence'>) {
	if ((cell === 'comments:public' || cell === 'comments:private') && row.comments !== 'inherit')
		return row.comments;
	return row.room;
}

/** The cells that read differently between two versions of a row; every cell where one has no entry. */
export function changedCells(a: AccessRow | null, b: AccessRow | null): Cell[] {
	return a && b ? cells.filter((cell) => a[cell] !== b[cell]) : [...cells];
}

export type RowDifference = {
	principal: Principal;
	/** null: the principal has no entry on that side */
	before: AccessRow | null;
	after: AccessRow | null;
	/** The cells that read differently; empty when only the spelling of the list differs. */
	changed: Cell[];
};

/**
 * Every row whose list differs between `before` and `after`, in the order default, groups, users
 * (each by first appearance in `after`, then `before`), with the cells that changed. Rows differ
 * exactly where diffRoomAccess would send something.
 */
export function rowDifferences(before: RoomAccesses, after: RoomAccesses): RowDifference[] {
	const update = diffRoomAccess(before, after);
	const sent = (principal: Principal) =>
		principal.kind === 'default'
			? update.defaultAccesses !== undefined
			: Object.hasOwn(update[entryField[principal.kind]] ?? {}, principal.id);
	return principalsOf(after, before)
		.filter(sent)
		.map((principal) => {
			const [rowA, rowB] = [rowOf(before, principal), rowOf(after, principal)];
			return { principal, before: rowA, after: rowB, changed: changedCells(rowA, rowB) };
		});
}

/** The principal's row in `accesses`, or null where it has no entry. */
export function rowOf(accesses: RoomAccesses, principal: Principal): AccessRow | null {
	const list = listOf(accesses, principal);
	return list ? scopesToRow(list) : null;
}

/** Every principal of the versions: the default, then groups, then people, each by first appearance. */
export function principalsOf(...versions: RoomAccesses[]): Principal[] {
	const entries = (kind: EntryKind) =>
		[...new Set(versions.flatMap((version) => Object.keys(version[entryField[kind]])))].map((id) => ({
			kind,
			id
		}));
	return [{ kind: 'default' }, ...entries('group'), ...entries('user')];
}
