// The words Gatehouse shows for Liveblocks' levels, resources, presets, rules and changes (docs:
// shared ux.md). Pages that name access import them from here, so a level reads the same everywhere;
// raw scopes are shown only where someone asks for them ("Show as Liveblocks scopes").
import {
	inheritedLevel,
	knownScopes,
	overrideResources,
	sameRow,
	scopesToRow,
	type AccessRow,
	type Cell,
	type EffectiveAccess,
	type Level,
	tokenOrganizationId,
	type PolicyChange,
	type Principal,
	type Resource,
	type RowDifference,
	type RuleSource
} from '$lib/access';
import { accessPresets, type AccessPreset } from '$lib/rooms/presets';

export const levelLabels: Record<Level, string> = { none: 'No access', read: 'Read', write: 'Write' };

export const resourceLabels: Record<Resource, string> = {
	room: 'Room',
	storage: 'Storage',
	comments: 'Comments',
	'comments:public': 'Public comments',
	'comments:private': 'Private comments',
	feeds: 'Feeds'
};

/** Legacy `room:presence:write` (read-only with presence): accepted next to a base scope, it grants nothing more in 3.24. */
export const presenceLabel = 'Can share presence';

/** The access editor's cells: the resources, and legacy presence. */
export const cellLabels: Record<Cell, string> = { ...resourceLabels, presence: presenceLabel };

/** What room.getSelf() reports, in words. */
export const selfLabels = { canWrite: 'Can edit storage', canComment: 'Can comment' } as const;

export type AccessSummary = 'Can edit' | 'Can comment' | 'Can view' | 'No access';

/** The named rows, as a person would say them (a row with no room level is "Private" as a room's default). */
export const presetLabels: Record<AccessPreset, string> = {
	private: 'Private',
	view: 'Can view',
	comment: 'Can comment',
	edit: 'Can edit'
};

/** A room's effective access in one phrase, as share dialogs say it. */
export function accessSummary(access: EffectiveAccess): AccessSummary {
	if (!access.canConnect) return 'No access';
	if (access.canWrite) return 'Can edit';
	return access.canComment ? 'Can comment' : 'Can view';
}

/** The rule that decided a resource, with a group's name when it is known. */
export function ruleLabel(source: RuleSource, groupName: (id: string) => string = (id) => id): string {
	switch (source.kind) {
		case 'default':
			return 'Everyone signed in (default)';
		case 'group':
			return `Group ${groupName(source.groupId)}`;
		case 'user':
			return 'Own entry';
		case 'none':
			return 'No rule';
	}
}

export type Names = { group: (id: string) => string; person: (id: string) => string };

/** Whose entry a row of a room's access is: the default, a group or a person. */
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

/** A cell its row leaves to the rules before it, with the level it resolves to. */
export function inheritsLabel(resolved: Level): string {
	return `Inherits (${levelLabels[resolved]})`;
}

/** The level a resource has within one row: its own, or the one it inherits there. */
export function rowLevel(row: AccessRow, resource: Resource): Level {
	if (resource === 'room') return row.room;
	const level = row[resource];
	return level === 'inherit' ? inheritedLevel(row, resource) : level;
}

/** One cell of a row in words: "Write", "Inherits (Read)", or for presence "Yes"/"No". */
export function cellLabel(row: AccessRow, cell: Cell): string {
	if (cell === 'presence') return row.presence ? 'Yes' : 'No';
	if (cell !== 'room' && row[cell] === 'inherit') return inheritsLabel(rowLevel(row, cell));
	return levelLabels[rowLevel(row, cell)];
}

/** What a row lets someone do on its own, as accessSummary says it of a person. */
export function rowSummary(row: AccessRow): AccessSummary {
	if (row.room === 'none') return 'No access';
	if (rowLevel(row, 'storage') === 'write') return 'Can edit';
	const comments = ['comments', 'comments:public', 'comments:private'] as const;
	return comments.some((resource) => rowLevel(row, resource) === 'write') ? 'Can comment' : 'Can view';
}

/** The preset a row is exactly, if it is one. */
export function rowPreset(row: AccessRow): AccessPreset | null {
	return (
		(Object.keys(accessPresets) as AccessPreset[]).find((name) => sameRow(accessPresets[name].row, row)) ??
		null
	);
}

/**
 * A row in words: a preset's name when it is one ("Can view"), else what it lets someone do and
 * each level it sets ("Can edit (Room: Read, Storage: Write)").
 */
export function rowLabel(row: AccessRow): string {
	const preset = rowPreset(row);
	if (preset) return preset === 'private' ? levelLabels.none : presetLabels[preset];
	return `${rowSummary(row)} (${setCells(row).join(', ')})`;
}

function setCells(row: AccessRow): string[] {
	return [
		...(row.room === 'none' ? [] : [`${resourceLabels.room}: ${levelLabels[row.room]}`]),
		...overrideResources.flatMap((resource) => {
			const level = row[resource];
			return level === 'inherit' ? [] : [`${resourceLabels[resource]}: ${levelLabels[level]}`];
		}),
		...(row.presence ? [presenceLabel] : [])
	];
}

/**
 * A Liveblocks scope list in words, as rowLabel says its row; a scope Liveblocks does not know
 * (which it would refuse) is named as it is, so nothing in the list goes unsaid.
 */
export function scopesLabel(scopes: readonly string[]): string {
	const words = rowLabel(scopesToRow(scopes));
	const unknown = scopes.filter((scope) => !knownScopes.includes(scope));
	return unknown.length === 0 ? words : `${words}, and unknown scopes ${unknown.join(' ')}`;
}

/** A scope list as Liveblocks spells it, for "Show as Liveblocks scopes"; the empty list is no access. */
export function scopesText(scopes: readonly string[]): string {
	return scopes.length === 0 ? '[] (no access)' : scopes.join(' ');
}

/** An entry's list in words on either side of a change: absent before is "No entry", after "Removed". */
export function entryLabel(scopes: readonly string[] | null, side: 'before' | 'after'): string {
	if (scopes === null) return side === 'before' ? 'No entry' : 'Removed';
	return scopesLabel(scopes);
}

/** A row, or no entry, on either side of a change, as entryLabel says an entry's list. */
export function rowEntryLabel(row: AccessRow | null, side: 'before' | 'after'): string {
	if (row === null) return side === 'before' ? 'No entry' : 'Removed';
	return rowLabel(row);
}

/**
 * A row's change in the editor's words, as the audit log says it once saved: each side's whole row
 * ("Can view" → "Can edit (Room: Read, Storage: Write)"); a list only respelled reads "Can edit →
 * Can edit, in today's spelling".
 */
export function rowChangeLabels({ before, after, changed }: RowDifference): {
	before: string;
	after: string;
} {
	if (before && after && changed.length === 0) {
		const same = rowLabel(after);
		return { before: same, after: `${same}, in today's spelling` };
	}
	return { before: rowEntryLabel(before, 'before'), after: rowEntryLabel(after, 'after') };
}

/**
 * A bulk change in a sentence, for its job's title, lists and the audit log: "Set group Design to
 * Can edit". `subject` names the group or person instead of their id.
 */
export function policyChangeLabel(change: PolicyChange, subject?: string): string {
	switch (change.kind) {
		case 'set-default':
			return `Set the default to ${scopesLabel(change.scopes)}`;
		case 'set-group':
			return `Set group ${subject ?? change.groupId} to ${scopesLabel(change.scopes)}`;
		case 'set-user':
			return `Set person ${subject ?? change.userId} to ${scopesLabel(change.scopes)}`;
		case 'remove-group':
			return `Remove group ${subject ?? change.groupId}`;
		case 'remove-user':
			return `Remove person ${subject ?? change.userId}`;
	}
}
