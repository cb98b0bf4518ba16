import { fail } from '@sveltejs/kit';
import { staffRoles } from '$lib/roles';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { liveblocks } from '$lib/server/liveblocks/client';
import { refreshActiveUsers } from '$lib/server/rooms/active-users';
import { listRooms, roomOrganizations } from '$lib/server/rooms/list';
import { syncProblem, syncRooms } from '$lib/server/rooms/mirror';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	const params = event.url.searchParams;
	const search = params.get('q')?.trim().slice(0, 100) ?? '';
	const organizationId = params.get('org')?.trim() ?? '';
	const page = await listRooms(db, {
		search,
		organizationId: organizationId || undefined,
		after: params.get('after'),
		before: params.get('before')
	});
	// "Connected now" for the rows on screen streams in after the list, which shows the last
	// counts meanwhile: Liveblocks being slow or down must not hold the list back.
	const connectedNow = refreshActiveUsers(
		db,
		liveblocks(),
		page.rooms.map((room) => room.id)
	).then(
		(counts) => Object.fromEntries(counts),
		() => null
	);
	return {
		search,
		organizationId,
		organizations: await roomOrganizations(db),
		rooms: page.rooms,
		connectedNow,
		next: page.next,
		previous: page.previous,
		deleted: params.get('deleted'),
		canEdit: viewer.role === 'admin'
	};
};

export const actions: Actions = {
	sync: async (event) => {
		await requirePerson(event, ['admin']);
		try {
			const result = await syncRooms(db, liveblocks());
			return { synced: result };
		} catch (error) {
			const problem = syncProblem(error);
			if (!problem) throw error;
			return fail(502, { syncProblem: problem });
		}
	}
};
