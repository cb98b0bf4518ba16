import { redirect } from '@sveltejs/kit';
import { signOut } from '$lib/server/auth/authjs';
import { endSessions } from '$lib/server/auth/sessions';
import { sessionPerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { withSafeRedirectTo } from '$lib/server/safe-redirect-form';
import type { Actions, PageServerLoad } from './$types';

// Signing out needs no role: anyone may end their own session. GET only shows the way back.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = {
	// Ends every session of the person, not only this cookie: a copy of it (or the same person
	// signed in elsewhere) stops working too (docs/decisions/012-session-revocation.md). The form's
	// redirectTo goes to Auth.js only once it is a safe path on this site.
	default: async (event) => {
		const person = await sessionPerson(event);
		if (person) await endSessions(db, person.id);
		return signOut(await withSafeRedirectTo(event));
	}
};
