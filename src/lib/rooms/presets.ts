// Named rows of access: the starting access of a new room, and one-step choices in the access editor.
// Their words are $lib/labels' presetLabels.
import { emptyRow, rowToScopes, type AccessRow } from '$lib/access';

export const accessPresets = {
	/** Only as the default row (everyone signed in): a group or person entry must give a room level. */
	private: { row: emptyRow },
	view: { row: { ...emptyRow, room: 'read' } },
	comment: { row: { ...emptyRow, room: 'read', comments: 'write' } },
	edit: { row: { ...emptyRow, room: 'write' } }
} as const satisfies Record<string, { row: AccessRow }>;

export type AccessPreset = keyof typeof accessPresets;
export const accessPresetNames = Object.keys(accessPresets) as [AccessPreset, ...AccessPreset[]];

/** The presets a group or person entry can take. */
export const entryPresetNames = accessPresetNames.filter((name) => name !== 'private');

/** The default list a new room starts with. */
export function presetDefaultAccesses(preset: AccessPreset): string[] {
	return rowToScopes(accessPresets[preset].row);
}
