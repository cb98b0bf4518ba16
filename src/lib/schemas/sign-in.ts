import { z } from 'zod';

export const signInSchema = z.object({
	email: z.email('Enter the email address you sign in with'),
	password: z.string().min(1, 'Enter your password'),
	redirectTo: z.string().default('/')
});
