import type { Handle, HandleServerError } from '@sveltejs/kit';
import {
	databaseRetryAfterSeconds,
	databaseUnavailableMessage,
	isDatabaseUnavailable,
	logDatabaseUnavailable
} from '../database-unavailable';

/**
 * handleError: an error that says the database is unavailable is logged briefly (the cause, not a
 * stack for every request) and shown as one clear message; the request is marked so that
 * `answerDatabaseUnavailable` turns its 500 into a 503. Other errors are logged and keep SvelteKit's
 * own message ("Internal Error", "Not Found").
 */
export const describeServerError: HandleServerError = ({ error, event, status }) => {
	if (isDatabaseUnavailable(error)) {
		event.locals.databaseUnavailable = true;
		logDatabaseUnavailable(`${event.request.method} ${event.url.pathname}`, error);
		return { message: databaseUnavailableMessage, databaseUnavailable: true };
	}
	// As SvelteKit's default handler logs: the request, and the stack unless it was a 404.
	const where = `[${status}] ${event.request.method} ${event.url.pathname}`;
	console.error(status === 404 ? where : `${where}\n${error instanceof Error ? error.stack : String(error)}`);
};

/**
 * SvelteKit answers every unexpected error with 500 and lets no hook choose the status, so the
 * answer is changed here, outermost: a request that failed because the database is unavailable
 * gets 503 with Retry-After (pages keep the error page, endpoints their JSON message). Auth.js
 * turns what its callbacks threw into `/signin?error=Configuration` (or AccessDenied); when the
 * database was the cause, the sign-in page is asked to say so instead.
 */
export const answerDatabaseUnavailable: Handle = async ({ event, resolve }) => {
	const response = await resolve(event);
	if (!event.locals.databaseUnavailable) return response;
	const signInError = signInErrorTarget(response, event.url);
	if (signInError) {
		signInError.searchParams.set('error', 'DatabaseUnavailable');
		signInError.searchParams.delete('code');
		const headers = new Headers(response.headers);
		headers.set('Location', signInError.pathname + signInError.search);
		return new Response(null, { status: response.status, headers });
	}
	if (response.status !== 500) return response;
	const headers = new Headers(response.headers);
	headers.set('Retry-After', String(databaseRetryAfterSeconds));
	return new Response(response.body, { status: 503, statusText: 'Service Unavailable', headers });
};

/** The sign-in page with an error that a redirect points at, if it does. */
function signInErrorTarget(response: Response, here: URL): URL | undefined {
	const location = response.headers.get('Location');
	if (!location || response.status < 300 || response.status >= 400) return undefined;
	const target = new URL(location, here);
	const isSignInError =
		target.origin === here.origin && target.pathname === '/signin' && target.searchParams.has('error');
	return isSignInError ? target : undefined;
}
