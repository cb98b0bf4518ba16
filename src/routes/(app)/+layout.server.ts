import { countPendingRequests } from '$lib/server/access-requests/list';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import type { LayoutServerLoad } from './$types';

// Loads who is signed in for the navigation, and for admins how many access requests wait (one
// count on the pending index). Each page checks its own role too: layouts do not guard form
// actions or endpoints.
export const load: LayoutServerLoad = async (event) => {
	const { id, name, email, role, mustChangePassword } = await requirePerson(event);
	const pendingRequests = role === 'admin' && !mustChangePassword ? await countPendingRequests(db) : null;
	return { person: { id, name, email, role, mustChangePassword }, pendingRequests };
};
