import { randomUUID } from 'node:crypto';
import type { Database } from '../src/lib/server/prisma-client';

export type ListedPerson = { id: string; name: string; email: string };

/**
 * `names.length` people whose names all contain `tag`, in one statement (no passwords: they never
 * sign in), optionally members of `groups`. A search for `tag` finds exactly them, however many
 * people other tests add to the shared database.
 */
export async function listedPeople(
	db: Database,
	tag: string,
	names: readonly string[],
	groups: readonly string[] = []
): Promise<ListedPerson[]> {
	const people = names.map((name) => ({
		id: `e2e${randomUUID().replaceAll('-', '').slice(0, 21)}`,
		name: `${name} ${tag}`,
		email: `${name.toLowerCase().replaceAll(' ', '.')}.${tag.toLowerCase()}@example.com`
	}));
	await db.person.createMany({ data: people });
	await db.groupMembership.createMany({
		data: groups.flatMap((groupId) => people.map((person) => ({ groupId, personId: person.id })))
	});
	return people;
}
