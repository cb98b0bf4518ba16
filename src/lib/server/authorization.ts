import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { roles, type Role } from '$lib/roles';
import { db } from './db';
import { personProfileSelect } from './people/fields';

export type SessionPerson = {
	id: string;
	email: string;
	name: string;
	role: Role;
	status: 'active' | 'deactivated';
	avatarUrl: string | null;
	color: string | null;
	/** An admin chose their password: nothing but changing it is allowed until they do. */
	mustChangePassword: boolean;
	groupIds: string[];
};

async function loadSessionPerson(event: RequestEvent): Promise<SessionPerson | null> {
	const session = await event.locals.auth();
	const id = session?.user?.id;
	if (!id) return null;
	const person = await db.person.findUnique({
		where: { id },
		select: {
			...personProfileSelect,
			mustChangePassword: true,
			memberships: { select: { groupId: true } }
		}
	});
	if (!person) return null;
	const { memberships, ...rest } = person;
	return { ...rest, groupIds: memberships.map((m) => m.groupId) };
}

/** The signed-in person as the database has them now, read at most once per request. */
export function sessionPerson(event: RequestEvent): Promise<SessionPerson | null> {
	event.locals.person ??= loadSessionPerson(event);
	return event.locals.person;
}

/** The only route open to someone who still has a temporary password (signing out needs no door). */
const passwordChangeRoute = '/(app)/account/password';

/**
 * The one door for every page load, form action and endpoint: the caller must be signed in,
 * active, past any temporary password, and hold one of `allowed`. Signed-out callers of pages go
 * to sign-in; API callers get 401.
 */
export async function requirePerson(
	event: RequestEvent,
	allowed: readonly Role[] = roles
): Promise<SessionPerson> {
	const person = await sessionPerson(event);
	const isApi = event.route.id?.startsWith('/api/');
	const here = encodeURIComponent(event.url.pathname + event.url.search);
	if (!person) {
		if (isApi) error(401, 'Sign in first.');
		redirect(303, `/signin?redirectTo=${here}`);
	}
	if (person.status !== 'active') error(403, 'Your account is deactivated.');
	if (person.mustChangePassword && event.route.id !== passwordChangeRoute) {
		if (isApi) error(403, 'Change your temporary password first.');
		redirect(303, `/account/password?redirectTo=${here}`);
	}
	if (!allowed.includes(person.role)) {
		error(403, `This needs the ${allowed.join(' or ')} role; you are signed in as ${person.role}.`);
	}
	return person;
}
