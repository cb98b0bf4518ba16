// The ID token for a person, from Liveblocks' identify-user call.
import { LiveblocksError, type Liveblocks } from '@liveblocks/node';
import type { LiveblocksUserInfo } from '$lib/identity';
import { askLiveblocks } from './call';

/** Who the token is for, and the one organization whose rooms it enters (none: the default one). */
export type TokenIdentity = { userId: string; groupIds: string[]; organizationId?: string };
/** Liveblocks' answer as the guide's endpoint passes it on: a token, or Liveblocks' refusal (4xx). */
export type IdentifyAnswer = { status: number; body: string };

/**
 * Asks Liveblocks for an ID token, through the same door as every other call. @liveblocks/node's
 * identifyUser takes no abort signal and answers failures instead of throwing them (with its base
 * URL in the text), so the call is raced against the deadline, and what may pass is tried again:
 * a 429, a 5xx or no answer, thrown as LiveblocksUnavailable once the tries or the time run out.
 * A refusal (such as 403 for a revoked secret key) is final and returned as it is.
 */
export function identifyUser(
	client: Liveblocks,
	identity: TokenIdentity,
	userInfo: LiveblocksUserInfo
): Promise<IdentifyAnswer> {
	return askLiveblocks(
		undefined,
		async ({ signal }) => {
			const answer = await untilAborted(signal, client.identifyUser(identity, { userInfo }));
			// No answer at all: the SDK hands back fetch's own error.
			if (answer.error) throw answer.error;
			if (answer.status < 500 && answer.status !== 429) return { status: answer.status, body: answer.body };
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
