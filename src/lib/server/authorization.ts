import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { roles, type Role } from '$lib/roles';
import { db } from './db';

export type SessionPerson = {
	id: string;
	email: string;
	name: string;
	role: Role;
	status: 'active' | 'deactivated';
	avatarUrl: string | null;
	color: string | null;
	groupIds: string[];
};

async function loadSessionPerson(event: RequestEvent): Promise<SessionPerson | null> {
	const session = await event.locals.auth();
	const id = session?.user?.id;
	if (!id) return null;
	const person = await db.person.findUnique({
		where: { id },
		select: {
			id: true,
			email: true,
			name: true,
			role: true,
			status: true,
			avatarUrl: true,
			color: true,
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

/**
 * The one door for every page load, form action and endpoint: the caller must be signed in,
 * active, and hold one of `allowed`. Signed-out callers of pages go to sign-in; API callers get 401.
 */
export async function requirePerson(
	event: RequestEvent,
	allowed: readonly Role[] = roles
): Promise<SessionPerson> {
	const person = await sessionPerson(event);
	if (!person) {
		if (event.route.id?.startsWith('/api/')) error(401, 'Sign in first.');
		redirect(303, `/signin?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`);
	}
	if (person.status !== 'active') error(403, 'Your account is deactivated.');
	if (!allowed.includes(person.role)) {
		error(403, `This needs the ${allowed.join(' or ')} role; you are signed in as ${person.role}.`);
	}
	return person;
}
