import { env } from '$lib/server/env';
import { requirePerson } from '$lib/server/authorization';
import type { PageServerLoad } from './$types';

// Anyone signed in may try to join; Liveblocks decides at the door with the room's accesses.
export const load: PageServerLoad = async (event) => {
	await requirePerson(event);
	return { roomId: event.params.id, liveblocksBaseUrl: env.LIVEBLOCKS_BASE_URL ?? null };
};
