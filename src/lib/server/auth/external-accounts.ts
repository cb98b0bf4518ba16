import type { Database } from '../prisma-client';
import { recordAudit } from '../audit';
import { normaliseEmail } from '../../email';

export type ExternalLogin = {
	provider: string;
	providerAccountId: string;
	/** Auth.js account type: 'oidc' or 'oauth'. */
	type: string;
	/** Emails the identity provider has verified for this login. */
	verifiedEmails: string[];
	name: string;
};

export type ExternalSignInResult = { personId: string } | { refused: 'deactivated' | 'unknown' };

/**
 * Finds the person an identity-provider login belongs to: an earlier link, else an existing person
 * with one of its verified emails (the link is remembered), else a new member when unknown emails
 * are allowed. Unverified emails never match, so nobody can claim an account by typing its address.
 */
export async function resolveExternalLogin(
	db: Database,
	login: ExternalLogin,
	allowUnknownEmails: boolean
): Promise<ExternalSignInResult> {
	const accountKey = { provider: login.provider, providerAccountId: login.providerAccountId };
	const linked = await db.account.findUnique({
		where: { provider_providerAccountId: accountKey },
		select: { person: { select: { id: true, status: true } } }
	});
	let person = linked?.person;
	const emails = login.verifiedEmails.map(normaliseEmail);
	if (!person && emails.length > 0) {
		person =
			(await db.person.findFirst({ where: { email: { in: emails } }, select: { id: true, status: true } })) ??
			undefined;
		if (!person && allowUnknownEmails) {
			const data = { email: emails[0]!, name: login.name || emails[0]!, role: 'member' as const };
			person = await db.$transaction(async (tx) => {
				const created = await tx.person.create({ data, select: { id: true, status: true } });
				await recordAudit(tx, {
					actorId: null,
					action: 'person.created',
					target: { type: 'person', id: created.id },
					after: { ...data, via: login.provider }
				});
				return created;
			});
		}
		if (person) {
			await db.account.create({ data: { ...accountKey, type: login.type, personId: person.id } });
		}
	}
	if (!person) return { refused: 'unknown' };
	if (person.status !== 'active') return { refused: 'deactivated' };
	return { personId: person.id };
}
