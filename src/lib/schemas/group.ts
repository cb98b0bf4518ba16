import { z } from 'zod';

/**
 * A group id is its Liveblocks group id and rooms reference it, so it never changes once created.
 * Liveblocks allows 128 characters; a short lowercase slug stays readable in access matrices.
 */
export const groupIdSchema = z
	.string()
	.trim()
	.min(1, { error: 'Enter an id', abort: true })
	.max(64, 'At most 64 characters')
	.regex(/^[a-z]/, { error: 'Start with a lowercase letter', abort: true })
	.regex(/^[a-z0-9-]*$/, 'Use only lowercase letters, digits and hyphens');

/** What admins may change about a group after creating it. */
export const groupDetailsSchema = z.object({
	name: z.string().trim().min(1, 'Enter a name').max(120, 'At most 120 characters'),
	description: z.string().trim().max(500, 'At most 500 characters').default('')
});

export const newGroupSchema = groupDetailsSchema.extend({ id: groupIdSchema });

export type GroupDetails = z.output<typeof groupDetailsSchema>;
export type NewGroup = z.output<typeof newGroupSchema>;
