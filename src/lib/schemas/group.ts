import { z } from 'zod';
import { text } from './text';

/**
 * A group id is its Liveblocks group id and rooms reference it, so it never changes once created.
 * Liveblocks allows 128 characters; a short lowercase slug stays readable in access matrices.
 */
export const groupIdSchema = text()
	.trim()
	.min(1, { error: 'Enter an id', abort: true })
	.max(64, 'At most 64 characters')
	.regex(/^[a-z]/, { error: 'Start with a lowercase letter', abort: true })
	.regex(/^[a-z0-9-]*$/, 'Use only lowercase letters, digits and hyphens');

/** What admins may change about a group after creating it. */
export const groupDetailsSchema = z.object({
	name: text().trim().min(1, 'Enter a name').max(120, 'At most 120 characters'),
	description: text().trim().max(500, 'At most 500 characters').default('')
});

export const newGroupSchema = groupDetailsSchema.extend({ id: groupIdSchema });

export type GroupDetails = z.output<typeof groupDetailsSchema>;
export type NewGroup = z.output<typeof newGroupSchema>;

/** A suggested id for a new group's name: "Design Review (EU)" becomes "design-review-eu". */
export function suggestGroupId(name: string): string {
	const slug = name
		.normalize('NFKD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.replace(/[^a-z0-9]+/g, '-')
		.replace(/^[^a-z]+|-+$/g, '')
		.slice(0, 64)
		.replace(/-+$/, '');
	return slug;
}

/** The emails pasted into the no-JavaScript add-members form: one per line, commas and spaces work too. */
export function emailList(text: string): string[] {
	return [...new Set(text.split(/[\s,;]+/).filter(Boolean))];
}

/** Adding members: the picker sends person ids; without JavaScript the form sends emails. */
export const memberAdditionSchema = z
	.object({
		personIds: z.array(text().min(1)).max(1000, 'Add at most 1,000 people at once').default([]),
		emails: text().max(100_000, 'Paste at most 100,000 characters').default('')
	})
	.refine((input) => input.personIds.length + emailList(input.emails).length > 0, {
		path: ['emails'],
		message: 'Choose at least one person'
	})
	.refine((input) => emailList(input.emails).length <= 1000, {
		path: ['emails'],
		message: 'Add at most 1,000 people at once'
	});

export const memberRemovalSchema = z.object({
	personIds: z.array(text().min(1)).min(1, 'Select the people to remove')
});
