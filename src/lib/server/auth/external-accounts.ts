import type { Database } from '../prisma-client';
import { recordAudit } from '../audit';
import { EmailTaken, LoginAlreadyLinked, PersonNotFound } from '../domain-errors';
import { withTransaction, type Tx } from '../transaction';
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
	try {
		return await resolveOnce(db, login, allowUnknownEmails);
	} catch (error) {
		// Another sign-in (a second tab, a double click) linked this login or created this email
		// first, or the person was deleted meanwhile: what is in the database now answers.
		if (error instanceof EmailTaken || error instanceof LoginAlreadyLinked || error instanceof PersonNotFound)
			return resolveOnce(db, login, allowUnknownEmails);
		throw error;
	}
}

async function resolveOnce(
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
		const known =
			(await db.person.findFirst({ where: { email: { in: emails } }, select: { id: true, status: true } })) ??
			undefined;
		if (known || allowUnknownEmails) {
			// A new person and their link commit together, so a lost race leaves neither behind.
			person = await withTransaction(db, async (tx) => {
				const owner = known ?? (await createMember(tx, login, emails[0]!));
				await tx.account.create({ data: { ...accountKey, type: login.type, personId: owner.id } });
				return owner;
			});
		}
	}
	if (!person) return { refused: 'unknown' };
	if (person.status !== 'active') return { refused: 'deactivated' };
	return { personId: person.id };
}

/** A new member for a login whose verified email nobody has, recorded as made by the provider. */
async function createMember(tx: Tx, login: ExternalLogin, email: string) {
	const data = { email, name: login.name || email, role: 'member' as const };
	const created = await tx.person.create({ data, select: { id: true, status: true } });
	await recordAudit(tx, {
		actorId: null,
		action: 'person.created',
		target: { type: 'person', id: created.id },
		after: { ...data, via: login.provider }
	});
	return created;
}
