import type { Transaction } from '../transaction';

/**
 * Everything the person page shows about someone: profile, groups, and how they sign in
 * (never the password hash itself).
 */
export async function loadPersonProfile(db: Transaction, id: string) {
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
			passwordHash: true,
			mustChangePassword: true,
			createdAt: true,
			memberships: { select: { group: { select: { id: true, name: true } } }, orderBy: { groupId: 'asc' } },
			accounts: { select: { provider: true }, orderBy: { provider: 'asc' } },
			_count: { select: { auditEvents: true } }
		}
	});
	if (!person) return null;
	const { passwordHash, memberships, accounts, _count, ...profile } = person;
	return {
		...profile,
		hasPassword: passwordHash !== null,
		groups: memberships.map((m) => m.group),
		providers: accounts.map((a) => a.provider),
		/** Changes this person made as an actor; they stay in the audit log if the person is deleted. */
		actionsTaken: _count.auditEvents
	};
}

export type PersonProfile = NonNullable<Awaited<ReturnType<typeof loadPersonProfile>>>;
