import { error, json } from '@sveltejs/kit';
import { staffRoles } from '$lib/roles';
import type { PrincipalChoices } from '$lib/rooms/principals';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { searchPrincipals } from '$lib/server/rooms/principals';
import type { RequestHandler } from './$types';

/** Backs the access editor's "add a row" and "why" searches: a few groups and people matching `q`. */
export const GET: RequestHandler = async (event) => {
	await requirePerson(event, staffRoles);
	const q = event.url.searchParams.get('q')?.trim() ?? '';
	if (q.length < 1 || q.length > 100) error(400, 'Give a search text of 1 to 100 characters in ?q=.');
	return json((await searchPrincipals(db, q)) satisfies PrincipalChoices);
};
