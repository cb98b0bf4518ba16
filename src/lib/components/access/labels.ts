// How the access editor names resources, levels and rows.
import { tokenOrganizationId, type AccessRow, type Cell, type Level, type Principal } from '$lib/access';
import { levelLabels, resourceLabels } from '$lib/labels';

export const cellLabels: Record<Cell, string> = { ...resourceLabels, presence: 'Legacy presence' };

/** A cell's value in words: the room level "none" means the row grants no access at all. */
export function cellValue(row: AccessRow, cell: Cell): string {
	const value = row[cell];
	if (cell === 'presence') return value ? 'on' : 'off';
	if (cell === 'room' && value === 'none') return 'no access';
	return String(value);
}

/** A cell the row leaves to the rules before it, with the level it resolves to (ux.md: "Inherits (Read)"). */
export function inheritsLabel(resolved: Level): string {
	return `Inherits (${levelLabels[resolved]})`;
}

export type Names = { group: (id: string) => string; person: (id: string) => string };

export function principalLabel(principal: Principal, names: Names): string {
	if (principal.kind === 'default') return 'Everyone signed in (default)';
	return principal.kind === 'group' ? `Group ${names.group(principal.id)}` : names.person(principal.id);
}

/**
 * Whom the default row ("Everyone signed in") lets in. In an organization, only ID tokens for it
 * reach the room (Gatehouse's endpoint makes each token for the room it is asked for).
 */
export function defaultRowDetail(roomOrganizationId: string): string {
	const organizationId = tokenOrganizationId(roomOrganizationId);
	return organizationId === undefined
		? 'The default, for anyone not given more below'
		: `The default, for anyone whose ID token is for organization ${organizationId} and not given more below`;
}
