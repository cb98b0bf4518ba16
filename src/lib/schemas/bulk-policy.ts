import { z } from 'zod';
import {
	emptyRow,
	levels,
	maxIdLength,
	policyChangeKinds,
	rowToScopes,
	validateScopes,
	type AccessRow,
	type PolicyChange
} from '$lib/access';
import { text } from './text';

/** The rows most changes need, one choice away (labels.ts names them); "custom" takes the levels as chosen. */
export const rowPresets = {
	view: { row: { ...emptyRow, room: 'read' } },
	comment: { row: { ...emptyRow, room: 'read', comments: 'write' } },
	edit: { row: { ...emptyRow, room: 'write' } }
} as const satisfies Record<string, { row: AccessRow }>;
export type RowPreset = keyof typeof rowPresets;
const presetNames = ['custom', ...(Object.keys(rowPresets) as RowPreset[])] as const;

export const changeKindLabels: Record<PolicyChange['kind'], string> = {
	'set-group': "Set a group's access",
	'set-user': "Set a person's access",
	'remove-group': "Remove a group's entry",
	'remove-user': "Remove a person's entry",
	'set-default': 'Change the default access'
};

const level = z.enum(levels);
const inheritOrLevel = z.enum(['inherit', ...levels]);

/**
 * The bulk change form: which rooms (ticked ids, or the list's filter) and what change. Fields a
 * kind does not use are ignored; the person arrives as a picked id or, without JavaScript, an email.
 */
export const bulkChangeSchema = z
	.object({
		mode: z.enum(['rooms', 'filter']).default('filter'),
		rooms: z.array(text().max(maxIdLength)).max(500).default([]),
		q: text().trim().max(100).default(''),
		org: text().trim().max(maxIdLength).default(''),
		kind: z.enum(policyChangeKinds).default('set-group'),
		groupId: text().trim().max(maxIdLength, `At most ${maxIdLength} characters`).default(''),
		personIds: z.array(text()).default([]),
		personEmails: text().trim().default(''),
		preset: z.enum(presetNames).default('view'),
		room: level.default('read'),
		storage: inheritOrLevel.default('inherit'),
		comments: inheritOrLevel.default('inherit'),
		'comments:public': inheritOrLevel.default('inherit'),
		'comments:private': inheritOrLevel.default('inherit'),
		feeds: inheritOrLevel.default('inherit'),
		/** The preview the admin saw, so starting refuses a different set of rooms or change. */
		digest: text().default(''),
		confirmed: z.boolean().default(false)
	})
	.superRefine((input, context) => {
		if (input.mode === 'rooms' && input.rooms.length === 0) {
			context.addIssue({
				code: 'custom',
				path: ['rooms'],
				message: 'Tick at least one room on the rooms list.'
			});
		}
		if (input.kind.endsWith('-group') && input.groupId === '') {
			context.addIssue({ code: 'custom', path: ['groupId'], message: 'Enter a group id.' });
		}
		if (input.kind.endsWith('-user')) {
			const chosen =
				input.personIds.length + (input.personEmails ? input.personEmails.split(/\s+/).length : 0);
			if (chosen !== 1) {
				context.addIssue({
					code: 'custom',
					path: ['personIds'],
					message: chosen === 0 ? 'Choose a person.' : 'Choose exactly one person.'
				});
			}
		}
		if (input.kind.startsWith('set-')) {
			const problems = validateScopes(rowToScopes(rowOf(input)), {
				allowEmpty: input.kind === 'set-default'
			});
			for (const problem of problems) {
				context.addIssue({
					code: 'custom',
					path: ['room'],
					message:
						problem.rule === 'one-base-scope' && input.kind !== 'set-default'
							? 'An entry needs a room level (read or write); to take access away, remove the entry.'
							: problem.message
				});
			}
		}
	});

export type BulkChangeForm = z.output<typeof bulkChangeSchema>;

/** The row the form describes: a preset's, or the levels as chosen. */
export function rowOf(form: Pick<BulkChangeForm, 'preset' | keyof Omit<AccessRow, 'presence'>>): AccessRow {
	if (form.preset !== 'custom') return rowPresets[form.preset].row;
	return {
		room: form.room,
		storage: form.storage,
		comments: form.comments,
		'comments:public': form['comments:public'],
		'comments:private': form['comments:private'],
		feeds: form.feeds,
		presence: false
	};
}

/** The change a valid form asks for, with the person already resolved to their id. */
export function policyChangeOf(form: BulkChangeForm, personId: string): PolicyChange {
	const scopes = rowToScopes(rowOf(form));
	switch (form.kind) {
		case 'set-group':
			return { kind: 'set-group', groupId: form.groupId, scopes };
		case 'set-user':
			return { kind: 'set-user', userId: personId, scopes };
		case 'remove-group':
			return { kind: 'remove-group', groupId: form.groupId };
		case 'remove-user':
			return { kind: 'remove-user', userId: personId };
		case 'set-default':
			return { kind: 'set-default', scopes };
	}
}
