// How the access editor names resources, levels and rows.
import type { AccessRow, Cell, Principal } from '$lib/access';
import { resourceLabels } from '$lib/labels';

export const cellLabels: Record<Cell, string> = { ...resourceLabels, presence: 'Legacy presence' };

/** A cell's value in words: the room level "none" means the row grants no access at all. */
export function cellValue(row: AccessRow, cell: Cell): string {
	const value = row[cell];
	if (cell === 'presence') return value ? 'on' : 'off';
	if (cell === 'room' && value === 'none') return 'no access';
	return String(value);
}

export type Names = { group: (id: string) => string; person: (id: string) => string };

export function principalLabel(principal: Principal, names: Names): string {
	if (principal.kind === 'default') return 'Everyone signed in (default)';
	return principal.kind === 'group' ? `Group ${names.group(principal.id)}` : names.person(principal.id);
}
