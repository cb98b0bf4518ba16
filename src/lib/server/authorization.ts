import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import { roles, type Role } from '$lib/roles';
import { readSessionClaim } from './auth/session-token';
import { db, pool } from './db';
import { identityOf, loadPerson, type IdentityPerson, type PersonIdentity } from './identity';
import { loadTokenHolder, refundTokenAttempt, type TokenHolder } from './token-limit';

export type SessionPerson = IdentityPerson;

async function loadSessionPerson(event: RequestEvent): Promise<SessionPerson | null> {
	const session = await event.locals.auth();
	const id = session?.user?.id;
	const sessionVersion = session?.sessionVersion;
	// A session without a version predates session versions: it counts as ended.
	return id && sessionVersion !== undefined ? loadPerson(db, id, { sessionVersion }) : null;
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

/**
 * The door of the ID-token endpoint: signed in (401), and someone the token rules would give a
 * token to (403 with tokenRefusal's reason). Every role may hold a token. The endpoint runs
 * without Auth.js's handle (hooks.server.ts): its session is read from the cookie alone, which
 * is never sent back (readSessionClaim), and the person with it, in the same statement that
 * counts this request against their `perMinute` (`allowance`, which the endpoint enforces) and
 * reads the index's organization of `roomId`.
 */
export async function requireTokenHolder(
	event: RequestEvent,
	request: { perMinute: number; roomId: string | undefined }
): Promise<PersonIdentity & Pick<TokenHolder, 'allowance' | 'indexedOrganizationId'>> {
	const claim = await readSessionClaim(event);
	const holder = claim && (await loadTokenHolder(pool, claim, request));
	if (!holder) error(401, 'Sign in first.');
	const identity = identityOf(holder.person);
	if (identity.refusal) {
		// A refusal at the door uses none of the person's allowance. The statement counts everyone
		// active without a temporary password, so only a profile too large for Liveblocks' userInfo,
		// which the database cannot judge, is counted and given back here.
		if (holder.counted) await refundTokenAttempt(db, holder.person.id);
		error(403, identity.refusal.message);
	}
	const { allowance, indexedOrganizationId } = holder;
	return { ...identity, allowance, indexedOrganizationId };
}
