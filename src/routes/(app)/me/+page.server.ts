import { liveblocksIdentity } from '$lib/identity';
import { requirePerson } from '$lib/server/authorization';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const person = await requirePerson(event);
	return { identity: liveblocksIdentity(person), email: person.email };
};
