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
import { personProfileSelect } from './people/fields';
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
 * The person by `id`. With `session`, the person only while that session is still theirs: a
 * session signed in before their sessions were ended (sign-out, password change) finds nobody.
 */
export async function loadPerson(
	db: DbOrTx,
	id: string,
	session?: { sessionVersion: number }
): Promise<IdentityPerson | null> {
	const person = await db.person.findUnique({
		where: { id, ...(session && { sessionVersion: session.sessionVersion }) },
		select: { ...personProfileSelect, mustChangePassword: true, memberships: { select: { groupId: true } } }
	});
	if (!person) return null;
	const { memberships, ...rest } = person;
	return { ...rest, groupIds: sortIds(memberships.map((m) => m.groupId)) };
}

export function identityOf(person: IdentityPerson): PersonIdentity {
	return { person, identity: liveblocksIdentity(person), refusal: tokenRefusal(person) };
}

/** A person's Liveblocks identity and token verdict, or null for nobody by that id. */
export async function loadIdentity(db: DbOrTx, id: string): Promise<PersonIdentity | null> {
	const person = await loadPerson(db, id);
	return person && identityOf(person);
}
