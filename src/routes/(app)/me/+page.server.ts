import { accessSummary } from '$lib/labels';
import { sortByName } from '$lib/natural-sort';
import { requestsOfPerson } from '$lib/server/access-requests/list';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { identityOf } from '$lib/server/identity';
import { countRoomsPersonCanEnter, listRoomsPersonCanEnter } from '$lib/server/rooms/enterable';
import type { PageServerLoad } from './$types';

/** Rooms per page of "Your rooms". */
const pageSize = 20;

// A member's home: who Liveblocks is told they are, the rooms that let them in (from the room
// index, resolved for exactly that identity) and what became of their access requests.
export const load: PageServerLoad = async (event) => {
	const person = await requirePerson(event);
	const { identity, refusal } = identityOf(person);
	const search = event.url.searchParams.get('q')?.trim().slice(0, 100) ?? '';
	const after = event.url.searchParams.get('after');
	const before = event.url.searchParams.get('before');
	const [groups, page, roomCount, requests] = await Promise.all([
		db.group
			.findMany({ where: { id: { in: identity.groupIds } }, select: { id: true, name: true } })
			.then(sortByName),
		listRoomsPersonCanEnter(db, identity, { search, after, before, limit: pageSize }),
		countRoomsPersonCanEnter(db, identity, { search }),
		requestsOfPerson(db, person.id)
	]);
	return {
		profile: {
			name: person.name,
			email: person.email,
			role: person.role,
			avatarUrl: person.avatarUrl,
			color: person.color
		},
		groups,
		identity,
		refusal,
		search,
		paged: Boolean(after || before),
		rooms: page.rooms.map((room) => ({
			id: room.id,
			title: room.title,
			organizationId: room.organizationId,
			access: accessSummary(room.access)
		})),
		next: page.next,
		previous: page.previous,
		roomCount,
		requests
	};
};
