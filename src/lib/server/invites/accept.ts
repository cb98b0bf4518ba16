// Opening and using an invite link: the invitee picks their name and password, once.
import { recordAudit } from '../audit';
import { hashPassword } from '../passwords';
import type { Database } from '../prisma-client';
import { withTransaction } from '../transaction';
import { hashInviteToken, isWellFormedInviteToken } from './token';

/** Why a link cannot be used, or the person it lets in. */
export type InviteState =
	| { state: 'unknown' | 'used' | 'expired' | 'deactivated' }
	| { state: 'open'; email: string; name: string; expiresAt: Date };

export type ClosedInvite = Exclude<InviteState, { state: 'open' }>['state'];

/** The link cannot be used (any more); `state` says why. */
export class InviteUnusable extends Error {
	constructor(readonly state: ClosedInvite) {
		super(`This invite link is ${state}.`);
	}
}

/** What a link lets one do now. A malformed token is unknown without asking the database. */
export async function readInvite(db: Database, token: string, now = new Date()): Promise<InviteState> {
	if (!isWellFormedInviteToken(token)) return { state: 'unknown' };
	const invite = await db.invite.findUnique({
		where: { tokenHash: hashInviteToken(token) },
		select: { usedAt: true, expiresAt: true, person: { select: { email: true, name: true, status: true } } }
	});
	if (!invite) return { state: 'unknown' };
	if (invite.usedAt) return { state: 'used' };
	if (invite.expiresAt <= now) return { state: 'expired' };
	if (invite.person.status !== 'active') return { state: 'deactivated' };
	return { state: 'open', email: invite.person.email, name: invite.person.name, expiresAt: invite.expiresAt };
}

/**
 * Uses the link: in one transaction, marks it used only if it still is unused, unexpired and its
 * person active (one conditional UPDATE, so of two submits exactly one passes), sets the person's
 * name and password, and uses up their other links. Returns the email to sign in with; throws
 * InviteUnusable saying why not.
 */
export async function acceptInvite(
	db: Database,
	token: string,
	input: { name: string; password: string }
): Promise<{ email: string }> {
	// A password hash costs 19 MiB and tens of milliseconds: only for a link that can be used.
	const before = await readInvite(db, token);
	if (before.state !== 'open') throw new InviteUnusable(before.state);
	const tokenHash = hashInviteToken(token);
	// Never inside the transaction, for the same reason.
	const passwordHash = await hashPassword(input.password);
	const accepted = await withTransaction(db, async (tx) => {
		const [used] = await tx.$queryRaw<{ id: string; personId: string }[]>`
			UPDATE "Invite" AS i SET "usedAt" = now()
			FROM "Person" AS p
			WHERE i."tokenHash" = ${tokenHash} AND i."usedAt" IS NULL AND i."expiresAt" > now()
				AND p.id = i."personId" AND p.status = 'active'
			RETURNING i.id, i."personId"`;
		if (!used) return null;
		const { name } = await tx.person.findUniqueOrThrow({ where: { id: used.personId } });
		const person = await tx.person.update({
			where: { id: used.personId },
			data: { name: input.name, passwordHash, mustChangePassword: false }
		});
		await tx.invite.updateMany({
			where: { personId: person.id, usedAt: null },
			data: { usedAt: new Date() }
		});
		await recordAudit(tx, {
			actorId: person.id,
			action: 'invite.accepted',
			target: { type: 'person', id: person.id },
			before: { name },
			after: { inviteId: used.id, name: person.name }
		});
		return { email: person.email };
	});
	if (accepted) return accepted;
	const now = await readInvite(db, token);
	throw new InviteUnusable(now.state === 'open' ? 'used' : now.state);
}
