import { requestOf, type RouteHandler } from './route-tree';

/** What a handler answered: a redirect's target, or the refusal's or failure's words. */
export type Answer = { status: number; location: string | null; message: string };

export type Call = {
	cookie?: string;
	/** Replaces each path parameter (by name) with a value; it is encoded here. */
	fill: (param: string) => string;
	/** Appended to the address, already encoded (`q=a%00b&after=x`). */
	query?: string;
	body?: BodyInit;
	/** Set for `body` unless it is FormData (whose boundary fetch chooses). */
	contentType?: string;
};

/**
 * Calls one handler of the route tree over HTTP as the app's own client would: a load through
 * its data request (that load alone), an action as an enhanced form posts it, an endpoint
 * directly. Every write carries this app's Origin. Redirects are reported, never followed.
 */
export async function callHandler(baseUrl: string, handler: RouteHandler, call: Call): Promise<Answer> {
	const { method, url } = requestOf(handler, call.fill);
	const address = call.query ? `${url}${url.includes('?') ? '&' : '?'}${call.query}` : url;
	const body = method === 'GET' || method === 'HEAD' ? undefined : (call.body ?? new URLSearchParams());
	const headers: Record<string, string> = { origin: baseUrl };
	if (call.cookie) headers.cookie = call.cookie;
	const contentType =
		call.contentType ?? (body && !(body instanceof FormData) ? 'application/x-www-form-urlencoded' : null);
	if (contentType) headers['content-type'] = contentType;
	if (handler.kind === 'action') {
		headers.accept = 'application/json';
		headers['x-sveltekit-action'] = 'true';
	}
	const send = () => fetch(`${baseUrl}${address}`, { method, headers, body, redirect: 'manual' });
	// A kept-alive connection the server closed as this request went out resets once; the same
	// request sent again on a new connection tells that race from an app that resets on this input.
	const response = await send().catch((error: unknown) => {
		if ((error as { cause?: { code?: unknown } }).cause?.code !== 'ECONNRESET') throw error;
		return send();
	});
	const text = await response.text();
	const plain = { status: response.status, location: response.headers.get('location'), message: text };
	if (handler.kind === 'endpoint') return plain;
	if (handler.kind === 'action') return actionAnswer(response.status, text) ?? plain;
	const index = handler.dataUrl.invalidated.indexOf('1');
	return response.ok ? (loadAnswer(text, index) ?? plain) : plain;
}

/** SvelteKit's answer to an enhanced form post: `{ type, status, location | error | data }`. */
function actionAnswer(httpStatus: number, text: string): Answer | null {
	const result = parseJson(text) as {
		type?: string;
		status?: number;
		location?: string;
		error?: { message?: string };
		data?: string;
	} | null;
	if (!result?.type) return null;
	const status = result.status ?? httpStatus;
	if (result.type === 'redirect') return { status, location: result.location ?? null, message: '' };
	if (result.type === 'error') return { status, location: null, message: result.error?.message ?? '' };
	return { status, location: null, message: result.data ?? '' };
}

/**
 * A data request's answer for node `index`: a redirect (thrown by any node), the node's error,
 * or its data (200). Streamed promises follow the first line; the node's outcome is in it.
 */
function loadAnswer(text: string, index: number): Answer | null {
	const first = parseJson(text.split('\n', 1)[0]!) as {
		type?: string;
		location?: string;
		nodes?: { type: string; status?: number; error?: { message?: string } }[];
	} | null;
	if (first?.type === 'redirect') return { status: 303, location: first.location ?? null, message: '' };
	const node = first?.nodes?.[index];
	if (!node) return null;
	if (node.type === 'error')
		return { status: node.status ?? 500, location: null, message: node.error?.message ?? '' };
	return { status: 200, location: null, message: '' };
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return null;
	}
}
