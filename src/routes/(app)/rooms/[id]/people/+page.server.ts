import { error } from '@sveltejs/kit';
import { parseAudienceQuery } from '$lib/rooms/audience-query';
import { staffRoles } from '$lib/roles';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { LiveblocksUnavailable, RoomNotFound } from '$lib/server/liveblocks';
import { liveblocks } from '$lib/server/liveblocks/client';
import { accessesOf, openRoom } from '$lib/server/rooms/access';
import { listRoomAudience } from '$lib/server/rooms/audience';
import { selectAudience } from '$lib/access/audience';
import { describePrincipals } from '$lib/server/rooms/principals';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	const roomId = event.params.id;
	const query = parseAudienceQuery(event.url.searchParams);
	try {
		// As the access editor reads it: the room as Liveblocks has it now.
		const room = await openRoom(db, liveblocks(), roomId);
		const accesses = accessesOf(room);
		const [{ audience, page }, principals] = await Promise.all([
			listRoomAudience(db, accesses, query),
			describePrincipals(db, accesses)
		]);
		return {
			room: { id: room.id, title: room.metadata.title ?? null },
			accesses,
			query,
			counts: audience.counts,
			defaultLetsEveryoneIn: audience.defaultAccess.canConnect,
			/** When the default lets everyone in: how many have other access than it gives. */
			differing: selectAudience(audience, { level: null, group: null, everyone: false }).count,
			people: page.people,
			next: page.next,
			groups: principals.groups.map(({ id, name }) => ({ id, name })),
			canEdit: viewer.role === 'admin'
		};
	} catch (problem) {
		if (problem instanceof RoomNotFound)
			error(
				404,
				`Liveblocks has no room ${roomId}: it may have been deleted. Sync the rooms list to drop it from the index.`
			);
		if (problem instanceof LiveblocksUnavailable)
			error(503, `Could not read the room from Liveblocks. ${problem.message}`);
		throw problem;
	}
};
