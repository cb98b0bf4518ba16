import { json } from '@sveltejs/kit';
import { requireTokenHolder } from '$lib/server/authorization';
import { liveblocks } from '$lib/server/liveblocks/client';
import { identifyUser, LiveblocksUnavailable } from '$lib/server/liveblocks';
import type { RequestHandler } from './$types';

/**
 * The ID-token endpoint from the Liveblocks guide "Set up ID token permissions with SvelteKit":
 * no session 401; a person the token rules refuse (tokenRefusal) 403 with the reason; otherwise
 * the person's id, current groups and profile. What each person may do in a room is set on the
 * room itself, never here, and nothing in the request can name someone else. When Liveblocks
 * cannot issue the token in time, 503 says so, without saying where Liveblocks is.
 */
export const POST: RequestHandler = async (event) => {
	const { identity } = await requireTokenHolder(event);
	const { userId, groupIds, userInfo } = identity;
	try {
		const { status, body } = await identifyUser(liveblocks(), { userId, groupIds }, userInfo);
		return new Response(body, { status });
	} catch (problem) {
		if (!(problem instanceof LiveblocksUnavailable)) throw problem;
		console.error('Liveblocks did not issue an ID token', problem.cause ?? problem);
		return json(
			{ error: 'LIVEBLOCKS_UNAVAILABLE', message: `${problem.message}; try again in a moment.` },
			{ status: 503, headers: { 'retry-after': '5' } }
		);
	}
};
