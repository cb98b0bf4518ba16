import { CredentialsSignin } from '@auth/sveltekit';
import { fail, isRedirect, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { externalProviders, signIn } from '$lib/server/auth/authjs';
import { TooManyAttempts } from '$lib/server/auth/credentials';
import { sessionPerson } from '$lib/server/authorization';
import {
	databaseRetryAfterSeconds,
	databaseUnavailableMessage,
	isDatabaseUnavailable
} from '$lib/server/database-unavailable';
import { safeRedirectPath } from '$lib/safe-redirect';
import { withSafeRedirectTo } from '$lib/server/safe-redirect-form';
import { signInSchema } from '$lib/schemas/sign-in';
import { tryAgainIn } from '$lib/time';
import type { Actions, PageServerLoad } from './$types';

const refusals: Record<string, string> = {
	deactivated: 'This account is deactivated. Ask an admin to reactivate it.',
	unknown: 'No Gatehouse account uses a verified email of that login. Ask an admin to add you.',
	AccessDenied: 'That sign-in was refused.',
	DatabaseUnavailable: databaseUnavailableMessage
};

// Public by design: this page is the way in. A signed-in active person is sent on.
export const load: PageServerLoad = async (event) => {
	const redirectTo = safeRedirectPath(event.url.searchParams.get('redirectTo'));
	const person = await sessionPerson(event);
	if (person?.status === 'active') redirect(303, redirectTo);
	const form = await superValidate({ redirectTo }, zod4(signInSchema), { errors: false });
	const error = event.url.searchParams.get('error');
	return {
		form,
		providers: externalProviders(),
		refusal: error ? (refusals[error] ?? 'Sign-in failed. Try again.') : null
	};
};

export const actions: Actions = {
	credentials: async (event) => {
		// Auth.js reads the same form body, so validate a copy.
		const form = await superValidate(event.request.clone(), zod4(signInSchema));
		form.data.password = '';
		if (!form.valid) return fail(400, { form });
		try {
			await signIn(await withSafeRedirectTo(event));
		} catch (error) {
			if (isRedirect(error)) throw error;
			// Auth.js hands back the error that verifyCredentials threw (the action uses `raw`).
			if (error instanceof TooManyAttempts) {
				const wait = tryAgainIn(error.retryAt, new Date());
				return message(form, `Too many failed attempts. Try again ${wait}.`, { status: 429 });
			}
			if (error instanceof CredentialsSignin) {
				return message(form, refusals[error.code] ?? 'Wrong email or password.', { status: 400 });
			}
			if (isDatabaseUnavailable(error)) {
				event.setHeaders({ 'Retry-After': String(databaseRetryAfterSeconds) });
				return message(form, databaseUnavailableMessage, { status: 503 });
			}
			throw error;
		}
	},
	provider: async (event) => signIn(await withSafeRedirectTo(event))
};
