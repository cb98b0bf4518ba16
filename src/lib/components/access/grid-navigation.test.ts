import { describe, expect, it } from 'vitest';
import { gridColumns, moveInGrid } from './grid-navigation';

const size = { rows: 3, columns: 8 };
const press = (key: string, ctrlKey = false) => ({ key, ctrlKey, metaKey: false });

describe('moveInGrid', () => {
	it('moves one cell with the arrow keys', () => {
		const at = { row: 1, column: 3 };
		expect(moveInGrid(at, press('ArrowLeft'), size)).toEqual({ row: 1, column: 2 });
		expect(moveInGrid(at, press('ArrowRight'), size)).toEqual({ row: 1, column: 4 });
		expect(moveInGrid(at, press('ArrowUp'), size)).toEqual({ row: 0, column: 3 });
		expect(moveInGrid(at, press('ArrowDown'), size)).toEqual({ row: 2, column: 3 });
	});

	it('stops at the edges instead of wrapping', () => {
		expect(moveInGrid({ row: 0, column: 0 }, press('ArrowLeft'), size)).toEqual({ row: 0, column: 0 });
		expect(moveInGrid({ row: 0, column: 0 }, press('ArrowUp'), size)).toEqual({ row: 0, column: 0 });
		expect(moveInGrid({ row: 2, column: 7 }, press('ArrowRight'), size)).toEqual({ row: 2, column: 7 });
		expect(moveInGrid({ row: 2, column: 7 }, press('ArrowDown'), size)).toEqual({ row: 2, column: 7 });
	});

	it('goes to the row’s ends with Home and End, and the grid’s with Ctrl', () => {
		const at = { row: 1, column: 3 };
		expect(moveInGrid(at, press('Home'), size)).toEqual({ row: 1, column: 0 });
		expect(moveInGrid(at, press('End'), size)).toEqual({ row: 1, column: 7 });
		expect(moveInGrid(at, press('Home', true), size)).toEqual({ row: 0, column: 0 });
		expect(moveInGrid(at, press('End', true), size)).toEqual({ row: 2, column: 7 });
		expect(moveInGrid(at, { key: 'End', ctrlKey: false, metaKey: true }, size)).toEqual({
			row: 2,
			column: 7
		});
	});

	it('leaves other keys to the cell', () => {
		for (const key of ['Enter', ' ', 'Escape', 'Tab', 'r', 'PageDown'])
			expect(moveInGrid({ row: 1, column: 1 }, press(key), size)).toBeNull();
	});
});

describe('gridColumns', () => {
	it('gives admins a preset, why and remove column and support only why', () => {
		expect(gridColumns(['room', 'storage'], true)).toEqual([
			'who',
			'room',
			'storage',
			'preset',
			'why',
			'remove'
		]);
		expect(gridColumns(['room', 'storage'], false)).toEqual(['who', 'room', 'storage', 'why']);
	});
});
