import { z } from 'zod';
import { pageSizes } from '$lib/people-query';
import { text } from '$lib/schemas/text';

/** The operations that name a group. */
const groupOperations = new Set(['add', 'remove', 'confirm-remove']);

/**
 * The people list's bulk-action form. `remove` and `deactivate` only ask for confirmation (naming
 * how many); `confirm-remove` and `confirm-deactivate` are the buttons of that confirmation. The
 * filter of "all matching" is not a field: it is the page's own URL, which the form posts to.
 */
export const bulkSchema = z
	.object({
		operation: z.enum(
			['add', 'remove', 'confirm-remove', 'deactivate', 'confirm-deactivate'],
			'Choose an action'
		),
		scope: z.enum(['selected', 'matching']).default('selected'),
		ids: z.array(text().max(100)).max(pageSizes.at(-1)!, 'Select at most one page of people').default([]),
		group: text().trim().max(200).default('')
	})
	.superRefine((form, ctx) => {
		if (groupOperations.has(form.operation) && !form.group) {
			ctx.addIssue({ code: 'custom', path: ['group'], message: 'Choose a group' });
		}
		if (form.scope === 'selected' && form.ids.length === 0) {
			ctx.addIssue({
				code: 'custom',
				path: ['ids'],
				message: 'Tick at least one person, or apply the action to everyone matching'
			});
		}
	});

export type BulkForm = z.output<typeof bulkSchema>;

type BulkTargetFields = Pick<BulkForm, 'scope' | 'ids' | 'group'>;

export type BulkMessage =
	| { tone: 'success' | 'error'; text: string }
	/**
	 * Asks before a removal or deactivation: the text names how many, `yes` is the button, `asked`
	 * the fields the count was made for.
	 */
	| {
			tone: 'confirm';
			text: string;
			yes: { operation: 'confirm-remove' | 'confirm-deactivate'; label: string };
			asked: BulkTargetFields;
	  };

/**
 * Whether the form still aims at what a confirmation counted: ticking someone else or choosing
 * another group after the question withdraws it, so "Yes" never applies to what was not asked.
 */
export function stillAsked(asked: BulkTargetFields, now: BulkTargetFields): boolean {
	const sameIds = asked.ids.length === now.ids.length && asked.ids.every((id) => now.ids.includes(id));
	return asked.scope === now.scope && asked.group === now.group && (now.scope === 'matching' || sameIds);
}
