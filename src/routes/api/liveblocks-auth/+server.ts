import { json } from '@sveltejs/kit';
import { requireTokenHolder } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { env } from '$lib/server/env';
import { liveblocks } from '$lib/server/liveblocks/client';
import { identifyUser, LiveblocksUnavailable } from '$lib/server/liveblocks';
import { tokenOrganizationForRoom } from '$lib/server/rooms/organization';
import { refundTokenAttempt, retryAfterSeconds } from '$lib/server/token-limit';
import type { RequestHandler } from './$types';
import { tokenRequestOf } from './token-request';

/**
 * The ID-token endpoint from the Liveblocks guide "Set up ID token permissions with SvelteKit":
 * no session 401; a person the token rules refuse (tokenRefusal) 403 with the reason; a person
 * over their tokens per minute (on all instances together) 429 with when to try again; otherwise
 * the person's id, current groups and profile, and the organization of the room the body names
 * (none for the default organization or an unknown room; a `room` that is no room id is a 400).
 * What each person may do in a room is set on the room itself, never here, and nothing in the
 * request can name someone else. When Liveblocks cannot issue the token in time, 503 says so,
 * without saying where Liveblocks is.
 */
export const POST: RequestHandler = async (event) => {
	const request = tokenRequestOf(await event.request.text().catch(() => ''));
	if ('problem' in request) return json({ error: 'INVALID_ROOM', message: request.problem }, { status: 400 });
	const { person, identity, allowance, indexedOrganizationId } = await requireTokenHolder(event, {
		perMinute: env.LIVEBLOCKS_TOKENS_PER_MINUTE,
		roomId: request.roomId
	});
	if (!allowance.allowed) {
		const seconds = retryAfterSeconds(allowance);
		return json(
			{
				error: 'RATE_LIMITED',
				message: `Too many room joins; try again in ${seconds} second${seconds === 1 ? '' : 's'}.`
			},
			{ status: 429, headers: { 'retry-after': String(seconds) } }
		);
	}
	const { userId, groupIds, userInfo } = identity;
	try {
		const organizationId = await tokenOrganizationForRoom(
			liveblocks(),
			request.roomId,
			indexedOrganizationId
		);
		const { status, body } = await identifyUser(liveblocks(), { userId, groupIds, organizationId }, userInfo);
		return tokenResponse(status, body);
	} catch (problem) {
		if (!(problem instanceof LiveblocksUnavailable)) throw problem;
		console.error('Liveblocks did not issue an ID token', problem.cause ?? problem);
		// Best effort: the member must hear that Liveblocks failed even if the refund fails too.
		await refundTokenAttempt(db, person.id).catch((failure) =>
			console.error('Could not give back a token attempt', failure)
		);
		return json(
			{ error: 'LIVEBLOCKS_UNAVAILABLE', message: `${problem.message}; try again in a moment.` },
			{ status: 503, headers: { 'retry-after': '5' } }
		);
	}
};

/**
 * Liveblocks' answer as it came, with its length: without one, Node sends the body chunked and
 * ends it with a write of its own, one more system call on every token.
 */
function tokenResponse(status: number, body: string): Response {
	const headers = { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) };
	return new Response(body, { status, headers });
}
