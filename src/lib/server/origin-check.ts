import { json, text, type Handle } from '@sveltejs/kit';

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Auth.js checks its own CSRF token, and identity providers may post their answers back (OIDC form_post). */
const authJsPath = /^\/auth(\/|$)/;

/**
 * Every request that may change something must come from a page of this app: the Origin header
 * must be present and equal the app's origin (ORIGIN). SvelteKit checks this only for form content
 * types; this covers every Content-Type, and none. Browsers send Origin on every POST, PUT, PATCH
 * and DELETE, same-origin fetches included.
 */
export const originCheck: Handle = async ({ event, resolve }) => {
	const { request, url } = event;
	if (safeMethods.has(request.method) || authJsPath.test(url.pathname)) return resolve(event);
	const origin = request.headers.get('origin');
	if (origin === url.origin) return resolve(event);
	const message = origin
		? `Cross-site ${request.method} requests are forbidden (from ${origin}).`
		: `${request.method} requests must say where they come from (no Origin header).`;
	return request.headers.get('accept')?.includes('application/json')
		? json({ message }, { status: 403 })
		: text(message, { status: 403 });
};
