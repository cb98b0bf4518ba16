import { z } from 'zod';
import { text } from './text';

const tooShort = 'At least 12 characters';
const tooLong = 'At most 256 characters';

/** The same floor as admin:create: long beats clever. */
export const newPasswordSchema = text().min(12, tooShort).max(256, tooLong);

/**
 * An admin sets a password the person must replace after signing in with it. An empty field says
 * what to do rather than how long a password must be.
 */
export const temporaryPasswordSchema = z.object({
	password: text()
		.min(1, { error: 'Type a temporary password, or use Generate to make one', abort: true })
		.min(12, tooShort)
		.max(256, tooLong)
});

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
