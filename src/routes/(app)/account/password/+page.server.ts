import { fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { safeRedirectPath } from '$lib/safe-redirect';
import { passwordChangeSchema } from '$lib/schemas/password';
import { renewSession } from '$lib/server/auth/authjs';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { changeOwnPassword, hasPassword, PasswordChangeRefused } from '$lib/server/people/password';
import type { Actions, PageServerLoad } from './$types';

// Any signed-in person may change their own password; someone with a temporary one must.
export const load: PageServerLoad = async (event) => {
	const person = await requirePerson(event);
	const redirectTo = safeRedirectPath(event.url.searchParams.get('redirectTo'));
	return {
		form: await superValidate({ redirectTo }, zod4(passwordChangeSchema), { errors: false }),
		mustChange: person.mustChangePassword,
		hasPassword: await hasPassword(db, person.id)
	};
};

export const actions: Actions = {
	default: async (event) => {
		const person = await requirePerson(event);
		const form = await superValidate(event.request, zod4(passwordChangeSchema));
		const { current, password, redirectTo } = form.data;
		// Passwords never travel back in a response; the browser keeps what was typed. The page
		// links on to `redirectTo`, so only a safe path goes back.
		form.data = { current: '', password: '', confirm: '', redirectTo: safeRedirectPath(redirectTo) };
		if (!form.valid) return fail(400, { form });
		let sessionVersion: number;
		try {
			sessionVersion = await changeOwnPassword(db, person.id, { current, password });
		} catch (error) {
			if (!(error instanceof PasswordChangeRefused)) throw error;
			if (error.problem === 'wrong-current') return setError(form, 'current', error.message);
			return message(form, error.message, { status: error.problem === 'rate-limited' ? 429 : 400 });
		}
		// Every other session of theirs has ended; this one stays signed in.
		await renewSession(event, person.id, sessionVersion);
		// Said on this page, with a link on to where they were going (after a forced change too).
		return message(form, 'Your password is changed.');
	}
};
