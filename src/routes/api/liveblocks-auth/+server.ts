import { liveblocksIdentity } from '$lib/identity';
import { requirePerson } from '$lib/server/authorization';
import { liveblocks } from '$lib/server/liveblocks';
import type { RequestHandler } from './$types';

/**
 * The ID-token endpoint from the Liveblocks guide "Set up ID token permissions with SvelteKit":
 * no session 401, deactivated 403, otherwise the person's id, current groups and profile.
 * What each person may do in a room is set on the room itself, never here.
 */
export const POST: RequestHandler = async (event) => {
	const person = await requirePerson(event);
	const { userId, groupIds, userInfo } = liveblocksIdentity(person);
	const { status, body } = await liveblocks().identifyUser({ userId, groupIds }, { userInfo });
	return new Response(body, { status });
};
