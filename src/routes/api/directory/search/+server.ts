import { error, json } from '@sveltejs/kit';
import { staffRoles } from '$lib/roles';
import type { PrincipalChoices } from '$lib/rooms/principals';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { inviteDraftSchema } from '$lib/schemas/invite';
import { findPeopleByEmail } from '$lib/server/people/find';
import { searchPrincipals } from '$lib/server/rooms/principals';
import type { RequestHandler } from './$types';

/**
 * Backs the access editor's "add a row" and "why" searches: a few groups and people matching `q`,
 * and whether `q` is an email the editor may invite.
 */
export const GET: RequestHandler = async (event) => {
	await requirePerson(event, staffRoles);
	const q = event.url.searchParams.get('q')?.trim() ?? '';
	if (q.length < 1 || q.length > 100) error(400, 'Give a search text of 1 to 100 characters in ?q=.');
	const choices: PrincipalChoices = await searchPrincipals(db, q);
	return json({ ...choices, invitable: await invitable(q) } satisfies PrincipalChoices);
};

/** The search as an email to invite, when it is one and nobody has it (deactivated people too). */
async function invitable(q: string): Promise<string | undefined> {
	const email = inviteDraftSchema.shape.email.safeParse(q);
	if (!email.success) return undefined;
	const { unknown } = await findPeopleByEmail(db, [email.data]);
	return unknown[0];
}
