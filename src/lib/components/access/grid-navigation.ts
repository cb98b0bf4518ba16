// Moving focus in the access grid from the keyboard, as the WAI-ARIA grid pattern says: arrow keys
// move one cell, Home and End to the row's first and last cell, with Ctrl to the grid's first and
// last cell. Focus stops at the edges rather than wrapping, so a person always knows where it is.

export type GridPosition = { row: number; column: number };
export type GridSize = { rows: number; columns: number };
export type GridKey = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey'>;

/** Where `key` moves focus from `at`, or null when the key is not a move in the grid. */
export function moveInGrid(at: GridPosition, key: GridKey, size: GridSize): GridPosition | null {
	const lastRow = size.rows - 1;
	const lastColumn = size.columns - 1;
	const wholeGrid = key.ctrlKey || key.metaKey;
	const to = (row: number, column: number) => ({
		row: Math.min(Math.max(row, 0), lastRow),
		column: Math.min(Math.max(column, 0), lastColumn)
	});
	switch (key.key) {
		case 'ArrowLeft':
			return to(at.row, at.column - 1);
		case 'ArrowRight':
			return to(at.row, at.column + 1);
		case 'ArrowUp':
			return to(at.row - 1, at.column);
		case 'ArrowDown':
			return to(at.row + 1, at.column);
		case 'Home':
			return wholeGrid ? to(0, 0) : to(at.row, 0);
		case 'End':
			return wholeGrid ? to(lastRow, lastColumn) : to(at.row, lastColumn);
		default:
			return null;
	}
}

/** The grid's columns: who the row is, a level per resource, then the row's actions. */
export function gridColumns<R extends string>(
	resources: readonly R[],
	canEdit: boolean
): ('who' | R | 'preset' | 'why' | 'remove')[] {
	return ['who', ...resources, ...(canEdit ? (['preset', 'why', 'remove'] as const) : (['why'] as const))];
}
