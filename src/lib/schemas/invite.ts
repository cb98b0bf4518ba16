import { z } from 'zod';
import { inviteKeyPrefix, maxInvitesPerSave } from '$lib/rooms/invites';
import { newPasswordSchema } from './password';
import { text } from './text';

/** One invited person as the access editor posts them; a blank name means the default one. */
export const inviteDraftSchema = z.object({
	key: text().startsWith(inviteKeyPrefix).max(128),
	// personSchema's email rules: one address is one account.
	email: text()
		.trim()
		.toLowerCase()
		.max(254, 'At most 254 characters')
		.pipe(z.email('Enter a valid email address')),
	name: text().trim().max(120, 'At most 120 characters')
});

export type InviteDraft = z.input<typeof inviteDraftSchema>;

export const inviteDraftsSchema = z.array(inviteDraftSchema).max(maxInvitesPerSave);

/** The invitee picks their name and a password (the rules of a password change). */
export const inviteAcceptSchema = z
	.object({
		name: text().trim().min(1, 'Enter your name').max(120, 'At most 120 characters'),
		password: newPasswordSchema,
		confirm: text()
	})
	.refine((input) => input.confirm === input.password, {
		path: ['confirm'],
		message: 'Type the same password twice'
	});
