// The session of a request read straight from its cookie, for the ID-token endpoint: Auth.js's
// handle decrypts and re-seals the cookie on every request, which costs more than the whole token.
// See docs/decisions/021-token-endpoint-session.md and 025-token-endpoint-one-statement.md.
import { createActionURL } from '@auth/core';
import { getToken } from '@auth/core/jwt';
import type { RequestEvent } from '@sveltejs/kit';
import { env as authJsEnv } from '$env/dynamic/private';
import { BoundedMemo } from '$lib/bounded-memo';
import { env } from '../env';
import { sessionExpired } from './sessions';

/** Who a session belongs to, and the session version it was signed in with (decision 012). */
export type SessionClaim = { personId: string; sessionVersion: number };

/**
 * A cookie Auth.js's decode accepted: whose session, when they signed in, and when its JWT
 * expires (ms since the epoch).
 */
type DecodedCookie = { claim: SessionClaim; signedInAt: number | undefined; expiresAt: number };

/**
 * Cookies already decoded, by the exact Cookie header (and which cookie name counts): a member's
 * browser sends the same cookie with every token request until a page re-seals it, and decoding
 * it (HKDF and JWE) costs more than the rest of the request. Only what the cookie itself says is
 * kept; whether the session still holds is asked of the database on every request (loadPerson's
 * session version), so a sign-out anywhere is seen on the next token. Bounded: 10,000 members
 * with a room open fit, and a flood of distinct cookies only evicts.
 */
const decodedCookies = new BoundedMemo<string, DecodedCookie>(10_000);

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
	const secure = secureCookie(event);
	const key = `${secure ? 'secure' : 'plain'} ${cookie}`;
	const now = Date.now();
	let decoded = decodedCookies.get(key);
	if (!decoded || decoded.expiresAt <= now) {
		decoded = await decode(cookie, secure);
		if (!decoded) {
			decodedCookies.delete(key);
			return null;
		}
		decodedCookies.set(key, decoded);
	}
	const { claim, signedInAt } = decoded;
	if (sessionExpired({ signedInAt }, now, env.SESSION_LIFETIME_SECONDS)) return null;
	return claim;
}

/** Auth.js's own decode of the session cookie; undefined for anything it refuses. */
async function decode(cookie: string, secure: boolean): Promise<DecodedCookie | undefined> {
	const token = await getToken({
		req: { headers: { cookie } },
		secret: env.AUTH_SECRET,
		secureCookie: secure
	});
	if (!token?.sub || typeof token.sessionVersion !== 'number' || typeof token.exp !== 'number') return;
	return {
		claim: { personId: token.sub, sessionVersion: token.sessionVersion },
		signedInAt: token.signedInAt,
		// Past it the cookie is decoded again, so Auth.js's own allowance for clock skew decides.
		expiresAt: token.exp * 1000
	};
}
