import { error } from '@sveltejs/kit';
import { requirePerson } from '$lib/server/authorization';
import type { Actions, PageServerLoad } from './$types';

// An address no page matches lands here rather than on the root error page, so a signed-in
// person keeps the app shell (navigation, account menu) around the 404. Signed-out visitors are
// sent to sign in first, as for any page in the app.
export const load: PageServerLoad = async (event) => {
	await requirePerson(event);
	error(404, 'There is no page at this address.');
};

// No actions: a form posted to an address no page matches is a 404 too, not a 405.
export const actions: Actions = {};
