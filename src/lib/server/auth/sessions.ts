// What a session carries besides the person's id, and how sessions end before their time.
// See docs/decisions/012-session-revocation.md.
import type { DbOrTx } from '../transaction';

/** The part of the Auth.js token this module owns. */
export type SessionStamp = { sessionVersion?: number; signedInAt?: number };

/** The stamp a new session gets: the person's session version now, and when they signed in. */
export async function stampSignIn(db: DbOrTx, personId: string, now: number): Promise<SessionStamp> {
	const person = await db.person.findUnique({ where: { id: personId }, select: { sessionVersion: true } });
	return { sessionVersion: person?.sessionVersion ?? 0, signedInAt: now };
}

/**
 * Whether a session is past its absolute lifetime, counted from sign-in however often it is used.
 * A token without a sign-in time predates this rule and has ended too.
 */
export function sessionExpired(stamp: SessionStamp, now: number, lifetimeSeconds: number): boolean {
	const at = stamp.signedInAt;
	if (typeof at !== 'number' || !Number.isFinite(at)) return true;
	return now - at >= lifetimeSeconds * 1000;
}

/**
 * Ends every session the person has signed in so far, on every device: their tokens carry the old
 * version, which the per-request read of the person (loadPerson) no longer matches. Returns the
 * new version, for a session that should carry on (see renewSession).
 */
export async function endSessions(db: DbOrTx, personId: string): Promise<number> {
	const person = await db.person.update({
		where: { id: personId },
		data: { sessionVersion: { increment: 1 } },
		select: { sessionVersion: true }
	});
	return person.sessionVersion;
}
