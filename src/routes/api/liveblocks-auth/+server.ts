import { requireTokenHolder } from '$lib/server/authorization';
import { liveblocks } from '$lib/server/liveblocks';
import type { RequestHandler } from './$types';

/**
 * The ID-token endpoint from the Liveblocks guide "Set up ID token permissions with SvelteKit":
 * no session 401; a person the token rules refuse (tokenRefusal) 403 with the reason; otherwise
 * the person's id, current groups and profile. What each person may do in a room is set on the
 * room itself, never here, and nothing in the request can name someone else.
 */
export const POST: RequestHandler = async (event) => {
	const { identity } = await requireTokenHolder(event);
	const { userId, groupIds, userInfo } = identity;
	const { status, body } = await liveblocks().identifyUser({ userId, groupIds }, { userInfo });
	return new Response(body, { status });
};
