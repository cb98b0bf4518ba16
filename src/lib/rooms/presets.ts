// Named rows of access: the starting access of a new room, and one-step choices in the access editor.
import { emptyRow, rowToScopes, type AccessRow } from '$lib/access';

export const accessPresets = {
	private: {
		/** As the default row (everyone signed in); a group or person row has no "private". */
		label: 'Private: only people and groups given access',
		entryLabel: null,
		row: emptyRow
	},
	view: { label: 'Anyone signed in can view', entryLabel: 'Viewer', row: { ...emptyRow, room: 'read' } },
	comment: {
		label: 'Anyone signed in can view and comment',
		entryLabel: 'Commenter',
		row: { ...emptyRow, room: 'read', comments: 'write' }
	},
	edit: { label: 'Anyone signed in can edit', entryLabel: 'Editor', row: { ...emptyRow, room: 'write' } }
} as const satisfies Record<string, { label: string; entryLabel: string | null; row: AccessRow }>;

export type AccessPreset = keyof typeof accessPresets;
export const accessPresetNames = Object.keys(accessPresets) as [AccessPreset, ...AccessPreset[]];

/** The default list a new room starts with. */
export function presetDefaultAccesses(preset: AccessPreset): string[] {
	return rowToScopes(accessPresets[preset].row);
}
