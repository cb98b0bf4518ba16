// Starting access for a new room; the access editor refines it afterwards.
export const accessPresets = {
	private: { label: 'Private: only people and groups given access later', defaultAccesses: [] },
	view: { label: 'Anyone signed in can view', defaultAccesses: ['room:read'] },
	comment: {
		label: 'Anyone signed in can view and comment',
		defaultAccesses: ['room:read', 'comments:write']
	},
	edit: { label: 'Anyone signed in can edit', defaultAccesses: ['room:write'] }
} as const satisfies Record<string, { label: string; defaultAccesses: string[] }>;

export type AccessPreset = keyof typeof accessPresets;
export const accessPresetNames = Object.keys(accessPresets) as [AccessPreset, ...AccessPreset[]];
