// The ID token for a person, from Liveblocks' identify-user call.
import { LiveblocksError, type Liveblocks } from '@liveblocks/node';
import type { LiveblocksUserInfo } from '$lib/identity';
import { askLiveblocks } from './call';

export type TokenIdentity = { userId: string; groupIds: string[] };
export type IdToken = { status: 200; body: string };

/**
 * Asks Liveblocks for an ID token, through the same door as every other call. @liveblocks/node's
 * identifyUser takes no abort signal and answers failures instead of throwing them (with its base
 * URL in the text), so the call is raced against the deadline and its failures are thrown as what
 * they are: LiveblocksUnavailable for a refusal, a 5xx, no answer or no answer in time.
 */
export function identifyUser(
	client: Liveblocks,
	identity: TokenIdentity,
	userInfo: LiveblocksUserInfo
): Promise<IdToken> {
	return askLiveblocks(
		undefined,
		async ({ signal }) => {
			const answer = await untilAborted(signal, client.identifyUser(identity, { userInfo }));
			if (answer.status === 200) return { status: 200, body: answer.body };
			// No answer at all: the SDK hands back fetch's own error.
			if (answer.error) throw answer.error;
			throw await LiveblocksError.from(new Response(answer.body, { status: answer.status }));
		},
		{ repeatable: true }
	);
}

/** `work`, or the signal's reason once it aborts; the call itself cannot be cancelled. */
function untilAborted<T>(signal: AbortSignal, work: Promise<T>): Promise<T> {
	return new Promise((resolve, reject) => {
		const abort = () => reject(signal.reason);
		if (signal.aborted) return abort();
		signal.addEventListener('abort', abort, { once: true });
		work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
	});
}
