import type { ActionResult } from './room-access-action';

/**
 * Posts a page's form action over HTTP as SvelteKit's enhanced forms do (`path` like
 * `/requests/abc?/approve`), and returns SvelteKit's answer: `data` devalue-encoded, `status` the
 * action's, `location` a redirect's target.
 */
export async function postFormAction(
	baseUrl: string,
	cookie: string,
	path: string,
	fields: Record<string, string>
): Promise<ActionResult & { location?: string }> {
	const response = await fetch(`${baseUrl}${path}`, {
		method: 'POST',
		headers: {
			origin: baseUrl,
			cookie,
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields)
	});
	// An error (thrown by the action) carries its status only on the response.
	const result = (await response.json()) as Partial<ActionResult> &
		Pick<ActionResult, 'type'> & { location?: string };
	return { ...result, status: result.status ?? response.status };
}

/** Posts a form as a browser without JavaScript does; the answer is returned as it comes, redirects unfollowed. */
export function postPlainForm(
	baseUrl: string,
	cookie: string,
	path: string,
	fields: Record<string, string> | [string, string][] = {}
): Promise<Response> {
	return fetch(`${baseUrl}${path}`, {
		method: 'POST',
		headers: {
			cookie,
			origin: baseUrl,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields),
		redirect: 'manual'
	});
}
