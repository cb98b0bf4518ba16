// The one loader of a person as the ID-token endpoint sees them: profile, status and group ids in
// one query, and what the endpoint would send for them (or why it would refuse).
import {
	liveblocksIdentity,
	sortIds,
	tokenRefusal,
	type LiveblocksIdentity,
	type TokenRefusal
} from '$lib/identity';
import type { Role } from '$lib/roles';
import { Prisma } from './prisma/client';
import type { DbOrTx } from './transaction';

export type IdentityPerson = {
	id: string;
	email: string;
	name: string;
	role: Role;
	status: 'active' | 'deactivated';
	avatarUrl: string | null;
	color: string | null;
	/** An admin chose their password: nothing but changing it is allowed until they do. */
	mustChangePassword: boolean;
	/** In token order (sortIds). */
	groupIds: string[];
};

export type PersonIdentity = {
	person: IdentityPerson;
	/** Exactly what the endpoint sends to identifyUser. */
	identity: LiveblocksIdentity;
	/** Why the endpoint would issue no token; null when it would. */
	refusal: TokenRefusal | null;
};

/**
 * The statement that reads the person by `id` with their group ids. With `session`, the person only
 * while that session is still theirs: a session signed in before their sessions were ended
 * (sign-out, password change) finds nobody. One statement and one round trip (the ID-token
 * endpoint runs it for every token): Prisma's nested select would read the memberships in a
 * second query.
 */
export function selectPerson(id: string, session?: { sessionVersion: number }): Prisma.Sql {
	return Prisma.sql`
		SELECT id, email, name, role::text AS role, status::text AS status, "avatarUrl", color,
			"mustChangePassword",
			ARRAY(SELECT "groupId" FROM "GroupMembership" WHERE "personId" = ${id}) AS "groupIds"
		FROM "Person"
		WHERE id = ${id}
			${session ? Prisma.sql`AND "sessionVersion" = ${session.sessionVersion}` : Prisma.empty}`;
}

/** A row of selectPerson as the rest of the app sees it: group ids in token order. */
export function personOf(row: IdentityPerson): IdentityPerson {
	return { ...row, groupIds: sortIds(row.groupIds) };
}

/** The person by `id` (selectPerson), or null. */
export async function loadPerson(
	db: DbOrTx,
	id: string,
	session?: { sessionVersion: number }
): Promise<IdentityPerson | null> {
	const [row] = await db.$queryRaw<IdentityPerson[]>(selectPerson(id, session));
	return row ? personOf(row) : null;
}

export function identityOf(person: IdentityPerson): PersonIdentity {
	return { person, identity: liveblocksIdentity(person), refusal: tokenRefusal(person) };
}

/** A person's Liveblocks identity and token verdict, or null for nobody by that id. */
export async function loadIdentity(db: DbOrTx, id: string): Promise<PersonIdentity | null> {
	const person = await loadPerson(db, id);
	return person && identityOf(person);
}
