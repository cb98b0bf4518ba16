import { z } from 'zod';
import { pageSizes } from '$lib/people-query';
import { text } from '$lib/schemas/text';

/**
 * The people list's bulk-action form. `deactivate` only asks for confirmation (naming how many);
 * `confirm-deactivate` is the button of that confirmation. The filter of "all matching" is not a
 * field: it is the page's own URL, which the form posts to.
 */
export const bulkSchema = z
	.object({
		operation: z.enum(['add', 'remove', 'deactivate', 'confirm-deactivate'], 'Choose an action'),
		scope: z.enum(['selected', 'matching']).default('selected'),
		ids: z.array(text().max(100)).max(pageSizes.at(-1)!, 'Select at most one page of people').default([]),
		group: text().trim().max(200).default('')
	})
	.superRefine((form, ctx) => {
		if ((form.operation === 'add' || form.operation === 'remove') && !form.group) {
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

export type BulkMessage = {
	/** `confirm` asks before a deactivation; its text names how many. */
	tone: 'success' | 'error' | 'confirm';
	text: string;
};
