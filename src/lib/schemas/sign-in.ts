import { z } from 'zod';
import { text } from './text';

export const signInSchema = z.object({
	email: z.email('Enter the email address you sign in with'),
	password: text().min(1, 'Enter your password'),
	// Never stored: safeRedirectPath turns anything unsafe (a NUL too) into '/'.
	redirectTo: z.string().default('/')
});
