// A three-way merge of a room's access after a refused save: the version the editor loaded, the
// admin's edit ("yours") and what Liveblocks has now ("theirs"), row by row. A row changed on one
// side only takes that side; only a row both sides changed, differently, needs a person to choose.
import {
	cells,
	changedCells,
	entryField,
	listOf,
	principalKey,
	principalsOf,
	rowOf,
	sameRow,
	type Cell,
	type EntryKind,
	type Principal,
	type RowDifference
} from './matrix';
import { sameScopes } from './diff';
import type { AccessRow, RoomAccesses } from './scopes';

/**
 * How a row merges: `yours` or `theirs` when only that side changed it, `same` when both changed it
 * alike, `choose` when both changed it differently.
 */
export type MergeOutcome = 'yours' | 'theirs' | 'same' | 'choose';
export type MergeChoice = 'yours' | 'theirs';

/** One row either side changed; a version is null where it has no entry for the principal. */
export type RowMerge = {
	principal: Principal;
	outcome: MergeOutcome;
	loaded: AccessRow | null;
	yours: AccessRow | null;
	theirs: AccessRow | null;
};

/** Compared by what the rows grant: a list only spelled differently (`room:read` for `*:read`) is no change. */
const sameEntry = (a: AccessRow | null, b: AccessRow | null) => (a && b ? sameRow(a, b) : a === b);

/** The rows either side changed since `loaded`, each with how it merges; rows nobody changed are left out. */
export function threeWayMerge(loaded: RoomAccesses, yours: RoomAccesses, theirs: RoomAccesses): RowMerge[] {
	return principalsOf(yours, theirs, loaded).flatMap((principal): RowMerge[] => {
		const rows = {
			loaded: rowOf(loaded, principal),
			yours: rowOf(yours, principal),
			theirs: rowOf(theirs, principal)
		};
		const youChanged = !sameEntry(rows.loaded, rows.yours);
		const theyChanged = !sameEntry(rows.loaded, rows.theirs);
		if (!youChanged && !theyChanged) return [];
		const outcome: MergeOutcome = !theyChanged
			? 'yours'
			: !youChanged
				? 'theirs'
				: sameEntry(rows.yours, rows.theirs)
					? 'same'
					: 'choose';
		return [{ principal, outcome, ...rows }];
	});
}

/** The rows still waiting for a choice. */
export function unchosen(merges: RowMerge[], choices: Record<string, MergeChoice>): RowMerge[] {
	return merges.filter((merge) => merge.outcome === 'choose' && !choices[principalKey(merge.principal)]);
}

/**
 * The merged room: Liveblocks' version, except the rows only you changed and the rows you chose
 * yours for, which keep your lists (no entry where yours has none). A row still unchosen stays as
 * Liveblocks has it, so nobody else's change is undone without a choice. A row whose grant nobody
 * changed keeps Liveblocks' spelling, unless Liveblocks still has it exactly as loaded: then yours.
 */
export function mergedAccesses(
	merges: RowMerge[],
	loaded: RoomAccesses,
	yours: RoomAccesses,
	theirs: RoomAccesses,
	choices: Record<string, MergeChoice>
): RoomAccesses {
	const keepYours = new Set(
		merges
			.filter(
				(merge) =>
					merge.outcome === 'yours' ||
					(merge.outcome === 'choose' && choices[principalKey(merge.principal)] === 'yours')
			)
			.map((merge) => principalKey(merge.principal))
	);
	const listed = new Set(merges.map((merge) => principalKey(merge.principal)));
	const untouchedByThem = (principal: Principal) => {
		const [before, now] = [listOf(loaded, principal), listOf(theirs, principal)];
		return before && now ? sameScopes(before, now) : before === now;
	};
	const sourceOf = (principal: Principal) => {
		const key = principalKey(principal);
		if (listed.has(key)) return keepYours.has(key) ? yours : theirs;
		return untouchedByThem(principal) ? yours : theirs;
	};
	const entries = (kind: EntryKind) => {
		const field = entryField[kind];
		// Yours first: the grid keeps the admin's order, with entries only Liveblocks has after them.
		const ids = [...new Set([...Object.keys(yours[field]), ...Object.keys(theirs[field])])];
		// fromEntries defines own properties, so an id like "__proto__" stays an entry.
		return Object.fromEntries(
			ids.flatMap((id) => {
				const list = listOf(sourceOf({ kind, id }), { kind, id });
				return list ? [[id, [...list]]] : [];
			})
		);
	};
	return {
		defaultAccesses: [...sourceOf({ kind: 'default' }).defaultAccesses],
		groupsAccesses: entries('group'),
		usersAccesses: entries('user')
	};
}

/** A row merged on its own, as the change it brings from the loaded version: yours, or theirs. */
export function mergedChange(merge: RowMerge): RowDifference {
	const after = merge.outcome === 'yours' ? merge.yours : merge.theirs;
	return {
		principal: merge.principal,
		before: merge.loaded,
		after,
		changed: changedCells(merge.loaded, after)
	};
}

/** The cells worth showing for a row both sides changed: those that differ between any two versions. */
export function cellsToCompare(merge: RowMerge): Cell[] {
	const differing = new Set([
		...changedCells(merge.loaded, merge.yours),
		...changedCells(merge.loaded, merge.theirs),
		...changedCells(merge.yours, merge.theirs)
	]);
	return cells.filter((cell) => differing.has(cell));
}
