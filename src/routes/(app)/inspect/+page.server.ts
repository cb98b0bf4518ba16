import { staffRoles } from '$lib/roles';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { loadIdentity } from '$lib/server/identity';
import { inspectRoom, isConnectedNow } from '$lib/server/inspect';
import { liveblocks } from '$lib/server/liveblocks/client';
import { searchPeople } from '$lib/server/people/find';
import { countRoomsPersonCanEnter, listRoomsPersonCanEnter } from '$lib/server/rooms/enterable';
import type { PageServerLoad } from './$types';

const text = (value: string | null, max: number) => value?.trim().slice(0, max) ?? '';

// The inspector: one person as the ID-token endpoint sees them, the rooms they can enter, and
// what room.getSelf() will report in one room. Read-only, for support and admins.
export const load: PageServerLoad = async (event) => {
	await requirePerson(event, staffRoles);
	const params = event.url.searchParams;
	const find = text(params.get('find'), 100);
	const personId = text(params.get('person'), 128);
	const matches = find ? await searchPeople(db, find, 20) : [];
	const verdict = personId ? await loadIdentity(db, personId) : null;
	if (!verdict) return { find, matches, personId, inspected: null };

	const search = text(params.get('q'), 100);
	const roomId = text(params.get('room'), 128);
	const { identity } = verdict;
	const [page, total, groups, room] = await Promise.all([
		listRoomsPersonCanEnter(db, identity, {
			search,
			after: params.get('after'),
			before: params.get('before'),
			limit: 25
		}),
		countRoomsPersonCanEnter(db, identity, { search }),
		db.group.findMany({ where: { id: { in: identity.groupIds } }, select: { id: true, name: true } }),
		roomId ? inspectRoom(db, identity, roomId) : null
	]);
	return {
		find,
		matches,
		personId,
		inspected: {
			...verdict,
			groupNames: Object.fromEntries(groups.map((group) => [group.id, group.name])),
			search,
			rooms: page.rooms,
			next: page.next,
			previous: page.previous,
			total,
			roomId,
			room,
			// Streamed: a slow Liveblocks must not hold the page back.
			connectedNow: room?.self ? isConnectedNow(liveblocks(), room.room.id, identity.userId) : null
		}
	};
};
