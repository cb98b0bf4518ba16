import { sortByName } from '$lib/natural-sort';
import type { DbOrTx } from '../transaction';
import { personProfileSelect } from './fields';

/**
 * Everything the person page shows about someone: profile, groups, and how they sign in
 * (never the password hash itself).
 */
export async function loadPersonProfile(db: DbOrTx, id: string) {
	const person = await db.person.findUnique({
		where: { id },
		select: {
			...personProfileSelect,
			passwordHash: true,
			mustChangePassword: true,
			createdAt: true,
			memberships: { select: { group: { select: { id: true, name: true } } } },
			accounts: { select: { provider: true }, orderBy: { provider: 'asc' } },
			invites: { select: { expiresAt: true, usedAt: true }, orderBy: { createdAt: 'desc' }, take: 1 }
		}
	});
	if (!person) return null;
	const actionsTaken = await db.auditEvent.count({ where: { actorId: id } });
	const { passwordHash, memberships, accounts, invites, ...profile } = person;
	const [invite] = invites;
	return {
		...profile,
		hasPassword: passwordHash !== null,
		groups: sortByName(memberships.map((m) => m.group)),
		providers: accounts.map((a) => a.provider),
		/** When their newest invite link stops working, while they have not used one nor set a password. */
		inviteExpiresAt: passwordHash === null && invite && !invite.usedAt ? invite.expiresAt : null,
		/** Changes this person made as an actor; they stay attributed to them if the person is deleted. */
		actionsTaken
	};
}

export type PersonProfile = NonNullable<Awaited<ReturnType<typeof loadPersonProfile>>>;
