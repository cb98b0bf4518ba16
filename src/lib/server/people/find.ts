import { normaliseEmail } from '$lib/email';
import { likePattern } from '../keyset-cursor';
import type { DbOrTx } from '../transaction';

export type PersonMatch = { id: string; name: string; email: string };

/**
 * People whose name or email contains `query` (case-insensitive; the trigram indexes serve
 * ILIKE), names that start with it first. For pickers, so a few matches are enough.
 */
export async function searchPeople(db: DbOrTx, query: string, limit = 20): Promise<PersonMatch[]> {
	const pattern = likePattern(query.trim());
	const prefix = pattern.slice(1);
	return db.$queryRaw<PersonMatch[]>`
		SELECT id, name, email FROM "Person"
		WHERE name ILIKE ${pattern} OR email ILIKE ${pattern}
		ORDER BY name ILIKE ${prefix} DESC, "nameSortKey", id
		LIMIT ${limit}`;
}

/** Looks people up by email (normalised); `unknown` lists the emails nobody has, as given. */
export async function findPeopleByEmail(
	db: DbOrTx,
	emails: readonly string[]
): Promise<{ ids: string[]; unknown: string[] }> {
	const wanted = [...new Set(emails.map(normaliseEmail).filter(Boolean))];
	const people = await db.person.findMany({
		where: { email: { in: wanted } },
		select: { id: true, email: true }
	});
	const found = new Set(people.map((p) => p.email));
	return { ids: people.map((p) => p.id), unknown: wanted.filter((email) => !found.has(email)) };
}
