import { requirePerson } from '$lib/server/authorization';
import { staffRoles } from '$lib/roles';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requirePerson(event, staffRoles);
	return { roomId: event.params.id };
};
