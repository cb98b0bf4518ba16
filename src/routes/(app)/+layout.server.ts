import { requirePerson } from '$lib/server/authorization';
import type { LayoutServerLoad } from './$types';

// Loads who is signed in for the navigation. Each page checks its own role too: layouts do not
// guard form actions or endpoints.
export const load: LayoutServerLoad = async (event) => {
	const { id, name, email, role, mustChangePassword } = await requirePerson(event);
	return { person: { id, name, email, role, mustChangePassword } };
};
