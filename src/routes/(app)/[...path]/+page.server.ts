import { error } from '@sveltejs/kit';
import { requirePerson } from '$lib/server/authorization';
import type { PageServerLoad } from './$types';

// An address no page matches lands here rather than on the root error page, so a signed-in
// person keeps the app shell (navigation, account menu) around the 404. Signed-out visitors are
// sent to sign in first, as for any page in the app.
export const load: PageServerLoad = async (event) => {
	await requirePerson(event);
	error(404, 'There is no page at this address.');
};
