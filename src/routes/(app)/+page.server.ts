import { redirect } from '@sveltejs/kit';
import { requirePerson } from '$lib/server/authorization';
import type { PageServerLoad } from './$types';

// The start page depends on the role: staff work on rooms, members see their own profile.
export const load: PageServerLoad = async (event) => {
	const person = await requirePerson(event);
	redirect(303, person.role === 'member' ? '/me' : '/rooms');
};
