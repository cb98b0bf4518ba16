import { SvelteKitAuth, type SvelteKitAuthConfig } from '@auth/sveltekit';
import type { RequestEvent } from '@sveltejs/kit';
import Credentials from '@auth/sveltekit/providers/credentials';
import GitHub from '@auth/sveltekit/providers/github';
import { CredentialsSignin } from '@auth/sveltekit';
import type { Provider } from '@auth/sveltekit/providers';
import { db } from '../db';
import { isDatabaseUnavailable, logDatabaseUnavailable } from '../database-unavailable';
import { env } from '../env';
import { verifyCredentials } from './credentials';
import { resolveExternalLogin, type ExternalLogin } from './external-accounts';
import { githubVerifiedEmails } from './github-emails';
import { sessionExpired, stampSignIn } from './sessions';

/** Sign-in buttons for the identity providers that are configured. */
export function externalProviders(): { id: string; name: string }[] {
	const list = [];
	if (env.OIDC_ISSUER) list.push({ id: 'oidc', name: env.OIDC_NAME });
	if (env.GITHUB_CLIENT_ID) list.push({ id: 'github', name: 'GitHub' });
	return list;
}

function providers(clientAddress: string): Provider[] {
	const list: Provider[] = [
		Credentials({
			credentials: { email: {}, password: {} },
			authorize: async (credentials) =>
				verifyCredentials(db, {
					email: String(credentials.email ?? ''),
					password: String(credentials.password ?? ''),
					address: clientAddress
				})
		})
	];
	if (env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET) {
		list.push({
			id: 'oidc',
			name: env.OIDC_NAME,
			type: 'oidc',
			issuer: env.OIDC_ISSUER,
			clientId: env.OIDC_CLIENT_ID,
			clientSecret: env.OIDC_CLIENT_SECRET
		});
	}
	if (env.GITHUB_CLIENT_ID && env.GITHUB_CLIENT_SECRET) {
		list.push(GitHub({ clientId: env.GITHUB_CLIENT_ID, clientSecret: env.GITHUB_CLIENT_SECRET }));
	}
	return list;
}

/** The identity-provider login behind an OAuth/OIDC callback, with only verified emails. */
async function externalLogin(
	account: { provider: string; providerAccountId: string; type: string; access_token?: string },
	profile: Record<string, unknown> | undefined
): Promise<ExternalLogin> {
	const verifiedEmails =
		account.provider === 'github'
			? await githubVerifiedEmails(account.access_token ?? '')
			: profile?.email_verified === true && typeof profile.email === 'string'
				? [profile.email]
				: [];
	return {
		provider: account.provider,
		providerAccountId: account.providerAccountId,
		type: account.type,
		verifiedEmails,
		name: typeof profile?.name === 'string' ? profile.name : ''
	};
}

export const { handle, signIn, signOut } = SvelteKitAuth(async (event) => {
	const config: SvelteKitAuthConfig = {
		secret: env.AUTH_SECRET,
		// adapter-node ignores AUTH_TRUST_HOST in a production build; ORIGIN pins the host instead.
		trustHost: true,
		providers: providers(event.getClientAddress()),
		// JWT sessions: the only kind Credentials supports. The person's status, role and session
		// version are read from the database on every request (authorization.ts), so changes and
		// sign-outs apply at once. Auth.js re-seals the cookie on every use (maxAge is the idle
		// limit); the jwt callback below ends it at the absolute lifetime whatever its use.
		session: { strategy: 'jwt', maxAge: Math.min(8 * 60 * 60, env.SESSION_LIFETIME_SECONDS) },
		pages: { signIn: '/signin', error: '/signin' },
		logger: {
			error(error) {
				if (isDatabaseUnavailable(error)) {
					// Auth.js answers this with a redirect to the sign-in page (or hands it to the sign-in
					// action); answerDatabaseUnavailable (hooks.server.ts) makes that page say so.
					event.locals.databaseUnavailable = true;
					logDatabaseUnavailable(`sign-in (${event.url.pathname})`, error);
				} else if (!(error instanceof CredentialsSignin)) console.error(error);
			}
		},
		callbacks: {
			async signIn({ account, profile }) {
				if (!account || account.type === 'credentials') return true;
				const result = await resolveExternalLogin(
					db,
					await externalLogin(account, profile),
					env.AUTH_ALLOW_UNKNOWN_EMAILS
				);
				return 'personId' in result ? true : `/signin?error=${result.refused}`;
			},
			async jwt({ token, user, account }) {
				if (account && account.type !== 'credentials') {
					const link = await db.account.findUnique({
						where: {
							provider_providerAccountId: {
								provider: account.provider,
								providerAccountId: account.providerAccountId
							}
						},
						select: { personId: true }
					});
					token.sub = link?.personId;
				} else if (user?.id) {
					token.sub = user.id;
				}
				const now = Date.now();
				if (account || user) {
					return token.sub ? { ...token, ...(await stampSignIn(db, token.sub, now)) } : token;
				}
				// Returning null makes Auth.js clear the cookie: the session is over.
				if (sessionExpired(token, now, env.SESSION_LIFETIME_SECONDS)) return null;
				const renewal = event.locals.sessionRenewal;
				if (renewal && renewal.personId === token.sub) token.sessionVersion = renewal.sessionVersion;
				return token;
			},
			session({ session, token }) {
				if (token.sub) session.user.id = token.sub;
				session.sessionVersion = token.sessionVersion;
				return session;
			}
		}
	};
	return config;
});

/**
 * Keeps the session of this request signed in after its person's sessions were ended (their own
 * password change): the cookie is sealed again carrying `sessionVersion`, so every other session
 * stays ended and this one carries on.
 */
export async function renewSession(event: RequestEvent, personId: string, sessionVersion: number) {
	event.locals.sessionRenewal = { personId, sessionVersion };
	await event.locals.auth();
}
