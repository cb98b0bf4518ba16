import { error, json } from '@sveltejs/kit';
import { staffRoles } from '$lib/roles';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { searchPeople } from '$lib/server/people/find';
import type { RequestHandler } from './$types';

/** Backs the person picker: at most 20 people whose name or email contains `q`. */
export const GET: RequestHandler = async (event) => {
	await requirePerson(event, staffRoles);
	const q = event.url.searchParams.get('q')?.trim() ?? '';
	if (q.length < 1 || q.length > 100) error(400, 'Give a search text of 1 to 100 characters in ?q=.');
	return json(await searchPeople(db, q, 20));
};
