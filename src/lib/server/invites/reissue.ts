import { PersonNotFound } from '../domain-errors';
import type { Database } from '../prisma-client';
import { withTransaction } from '../transaction';
import { recordInvites, type NewInvite } from './room-invites';

/** The person needs no invite link: `message` says why. */
export class NoInviteNeeded extends Error {}

/**
 * A new link for someone who has not set a password yet (the first one expired or got lost). Their
 * earlier links expire now, so a lost one stops working. Audited like the first.
 */
export function issueInvite(
	db: Database,
	actorId: string,
	personId: string,
	lifetimeMs: number
): Promise<NewInvite> {
	return withTransaction(db, async (tx) => {
		const person = await tx.person.findUnique({
			where: { id: personId },
			select: { id: true, email: true, name: true, status: true, passwordHash: true }
		});
		if (!person) throw new PersonNotFound(personId);
		if (person.status !== 'active')
			throw new NoInviteNeeded('Reactivate them first: a link would not let them in.');
		if (person.passwordHash)
			throw new NoInviteNeeded('They have a password already: set a temporary one if they lost it.');
		const now = new Date();
		await tx.invite.updateMany({
			where: { personId, usedAt: null, expiresAt: { gt: now } },
			data: { expiresAt: now }
		});
		const [invite] = await recordInvites(tx, actorId, null, [person], lifetimeMs);
		return invite!;
	});
}
