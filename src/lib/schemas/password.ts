import { z } from 'zod';
import { text } from './text';

/** The same floor as admin:create: long beats clever. */
export const newPasswordSchema = text().min(12, 'At least 12 characters').max(256, 'At most 256 characters');

/** An admin sets a password the person must replace after signing in with it. */
export const temporaryPasswordSchema = z.object({ password: newPasswordSchema });

/** A signed-in person replaces their own password. */
export const passwordChangeSchema = z
	.object({
		current: text().min(1, 'Enter your current password'),
		password: newPasswordSchema,
		confirm: text(),
		// Never stored: safeRedirectPath turns anything unsafe (a NUL too) into '/'.
		redirectTo: z.string().default('/')
	})
	.refine((input) => input.confirm === input.password, {
		path: ['confirm'],
		message: 'Type the same new password twice'
	})
	.refine((input) => input.password !== input.current, {
		path: ['password'],
		message: 'Choose a password different from the current one'
	});
