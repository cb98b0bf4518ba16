import type { RequestEvent } from '@sveltejs/kit';
import { safeRedirectPath } from '$lib/safe-redirect';

/**
 * The event with its posted `redirectTo` replaced by a safe path, for Auth.js's signIn and
 * signOut: they read the form body themselves and hand `redirectTo` to Auth.js as the callback
 * URL, which redirects to any path on this site as given and answers a value that is no URL
 * (`rooms`, `http://[`) with a 500. Files are not carried over: these forms post none.
 */
export async function withSafeRedirectTo(event: RequestEvent): Promise<RequestEvent> {
	const form = await event.request.formData();
	const fields = new URLSearchParams();
	for (const [name, value] of form) {
		if (typeof value === 'string' && name !== 'redirectTo') fields.append(name, value);
	}
	const target = form.get('redirectTo');
	fields.set('redirectTo', safeRedirectPath(typeof target === 'string' ? target : null));
	const headers = new Headers(event.request.headers);
	headers.delete('content-length');
	headers.set('content-type', 'application/x-www-form-urlencoded');
	const request = new Request(event.request.url, { method: 'POST', headers, body: fields });
	return { ...event, request };
}
