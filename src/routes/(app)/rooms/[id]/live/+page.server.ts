import { env } from '$lib/server/env';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { liveblocks } from '$lib/server/liveblocks/client';
import { readRoom } from '$lib/server/liveblocks';
import { mirrorRoom } from '$lib/server/rooms/mirror';
import { staffRoles } from '$lib/roles';
import type { PageServerLoad } from './$types';

// Anyone signed in may try to join; Liveblocks decides at the door with the room's accesses.
export const load: PageServerLoad = async (event) => {
	const person = await requirePerson(event);
	// Opening a room refreshes its row in the index, briefly: a room Liveblocks does not have (or an
	// outage) changes nothing, and the live room itself reports what happens.
	await readRoom(liveblocks(), event.params.id, { timeoutMs: 3_000 })
		.then((room) => mirrorRoom(db, room))
		.catch(() => {});
	return {
		roomId: event.params.id,
		liveblocksBaseUrl: env.LIVEBLOCKS_BASE_URL ?? null,
		personId: person.id,
		isStaff: (staffRoles as readonly string[]).includes(person.role)
	};
};
