import type { Handle } from '@sveltejs/kit';
import { env } from './env';
import {
	extendPolicy,
	fallbackPolicy,
	identityProviderFormTargets,
	liveblocksConnectSources
} from './http/content-security-policy';

/** Browser features Gatehouse never uses, switched off for every page and anything it embeds. */
const permissionsPolicy = [
	'accelerometer',
	'autoplay',
	'camera',
	'display-capture',
	'geolocation',
	'gyroscope',
	'hid',
	'magnetometer',
	'microphone',
	'midi',
	'payment',
	'publickey-credentials-get',
	'serial',
	'usb',
	'xr-spatial-tracking'
]
	.map((feature) => `${feature}=()`)
	.join(', ');

const sessionCookie = /^(__Secure-)?authjs\.session-token(\.\d+)?$/;

/**
 * The security headers of every response. SvelteKit writes each page's Content-Security-Policy
 * (svelte.config.js, with its nonces); this adds what is known only at run time (Liveblocks'
 * origins, the identity providers), gives responses without one a policy that runs no script,
 * and marks whatever depends on a session as never to be stored.
 */
export const securityHeaders: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	let headers: Headers = response.headers;
	let result = response;
	try {
		headers.set('X-Content-Type-Options', 'nosniff');
	} catch {
		// Responses passed through from fetch have immutable headers: answer with a copy.
		result = new Response(response.body, response);
		headers = result.headers;
	}
	const policy = headers.get('Content-Security-Policy');
	headers.set(
		'Content-Security-Policy',
		policy
			? extendPolicy(policy, {
					'connect-src': liveblocksConnectSources(env.LIVEBLOCKS_BASE_URL),
					'form-action': identityProviderFormTargets({
						oidcIssuer: env.OIDC_ISSUER,
						github: Boolean(env.GITHUB_CLIENT_ID)
					})
				})
			: fallbackPolicy
	);
	headers.set('X-Content-Type-Options', 'nosniff');
	headers.set('X-Frame-Options', 'DENY');
	headers.set('Referrer-Policy', 'strict-origin-when-cross-origin');
	headers.set('Permissions-Policy', permissionsPolicy);
	headers.set('Cross-Origin-Opener-Policy', 'same-origin');
	const signedIn = event.cookies.getAll().some(({ name }) => sessionCookie.test(name));
	const signingIn = headers.getSetCookie().some((cookie) => sessionCookie.test(cookie.split('=')[0]!));
	if (signedIn || signingIn) headers.set('Cache-Control', 'no-store');
	return result;
};
