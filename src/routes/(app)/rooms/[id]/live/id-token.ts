/** The ID-token endpoint said no (401 signed out, 403 deactivated or temporary password), in its words. */
export type EndpointRefusal = { status: number; message: string };

/** What an `authEndpoint` callback answers: a token, or a final "forbidden" that stops the client retrying. */
export type IdTokenAnswer = { token: string } | { error: 'forbidden'; reason: string };

type Listeners = {
	refused: (refusal: EndpointRefusal) => void;
	/** The person asked for too many tokens in a minute (429): no token for `retryAfterSeconds`. */
	limited: (retryAfterSeconds: number) => void;
	/** A failure the client retries with back-off (server error, network). */
	trouble: (message: string) => void;
};

/** Retry-After in whole seconds; the endpoint's windows last a minute, so that is the longest wait. */
function retryAfterOf(response: Response): number {
	const seconds = Number(response.headers.get('retry-after'));
	return Number.isInteger(seconds) && seconds > 0 ? seconds : 60;
}

const fallbackMessages: Record<number, string> = {
	401: 'You are signed out.',
	403: 'Gatehouse does not give you an ID token.'
};

async function messageOf(response: Response): Promise<string | null> {
	try {
		const body: unknown = await response.json();
		const message = (body as { message?: unknown } | null)?.message;
		return typeof message === 'string' && message.trim() ? message : null;
	} catch {
		return null;
	}
}

/**
 * POSTs `{ room }` to the app's own ID-token endpoint, exactly what
 * `createClient({ authEndpoint: '/api/liveblocks-auth' })` sends, but keeps the endpoint's reason
 * when it refuses. @liveblocks/core 3.24 treats a 401 or 403 from a URL endpoint as final too (the
 * room goes to `disconnected` and the error event has code -1), yet only passes the raw body along
 * inside a sentence; this callback hands the page the message itself. A 429 is final too: the
 * client's own back-off would ask again every few seconds until the minute is over, each time
 * refused, so the page waits for Retry-After instead and then reconnects. Other failures are
 * thrown, so the client retries them with back-off.
 */
export async function requestIdToken(
	roomId: string | undefined,
	listeners: Listeners
): Promise<IdTokenAnswer> {
	let response: Response;
	try {
		response = await fetch('/api/liveblocks-auth', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ room: roomId })
		});
	} catch {
		listeners.trouble('Gatehouse cannot be reached; trying again…');
		throw new Error('The ID-token endpoint cannot be reached.');
	}
	if (response.ok) return (await response.json()) as { token: string };
	const message = (await messageOf(response)) ?? fallbackMessages[response.status];
	if (response.status === 401 || response.status === 403) {
		const reason = message ?? fallbackMessages[403]!;
		listeners.refused({ status: response.status, message: reason });
		return { error: 'forbidden', reason };
	}
	if (response.status === 429) {
		listeners.limited(retryAfterOf(response));
		return { error: 'forbidden', reason: message ?? 'Too many room joins.' };
	}
	const trouble = `The ID-token endpoint answered ${response.status}${message ? `: ${message}` : ''}; trying again…`;
	listeners.trouble(trouble);
	throw new Error(trouble);
}
