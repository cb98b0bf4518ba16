// The session of a request read straight from its cookie, for the ID-token endpoint: Auth.js's
// handle decrypts and re-seals the cookie on every request, which costs more than the whole token.
// See docs/decisions/021-token-endpoint-session.md.
import { createActionURL } from '@auth/core';
import { getToken } from '@auth/core/jwt';
import type { RequestEvent } from '@sveltejs/kit';
import { env as authJsEnv } from '$env/dynamic/private';
import { env } from '../env';
import { sessionExpired } from './sessions';

/** Who a session belongs to, and the session version it was signed in with (decision 012). */
export type SessionClaim = { personId: string; sessionVersion: number };

/** Auth.js's basePath in SvelteKit (@auth/sveltekit's setEnvDefaults). */
const authJsConfig = { basePath: '/auth' };

/**
 * Whether Auth.js names this request's session cookie `__Secure-authjs.session-token`: it does on
 * https, judged from AUTH_URL, else the forwarded protocol, else the request's own (createActionURL,
 * which Auth.js's auth() uses too).
 */
function secureCookie(event: RequestEvent): boolean {
	const { protocol } = createActionURL(
		'session',
		event.url.protocol,
		event.request.headers,
		authJsEnv,
		authJsConfig
	);
	return protocol === 'https:';
}

/**
 * The session this request's cookie carries, as Auth.js's session read would find it (same cookie
 * name and chunks, same secret and salt, the JWT's expiry checked by Auth.js's own decode, and the
 * absolute lifetime of the jwt callback), or null: no cookie, one that does not decrypt, an expired
 * one, or one from before session versions. The cookie is only read: nothing is sent back, so
 * token requests neither extend nor re-seal the session. Only the cookie counts (getToken would
 * also take an Authorization header, which Auth.js's session read never does).
 */
export async function readSessionClaim(event: RequestEvent): Promise<SessionClaim | null> {
	const cookie = event.request.headers.get('cookie');
	if (!cookie) return null;
	const token = await getToken({
		req: { headers: { cookie } },
		secret: env.AUTH_SECRET,
		secureCookie: secureCookie(event)
	});
	if (!token?.sub || typeof token.sessionVersion !== 'number') return null;
	if (sessionExpired(token, Date.now(), env.SESSION_LIFETIME_SECONDS)) return null;
	return { personId: token.sub, sessionVersion: token.sessionVersion };
}
