import { error, redirect } from '@sveltejs/kit';
import { staffRoles } from '$lib/roles';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { findGroup } from '$lib/server/groups/read';
import { deleteGroup, GroupNotFound } from '$lib/server/groups/write';
import { roomsReferencingGroup } from '$lib/server/rooms/referencing';
import type { Actions, PageServerLoad } from './$types';

// The confirmation step, a page of its own so it works without JavaScript.
export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	const [group, rooms] = await Promise.all([
		findGroup(db, event.params.id),
		roomsReferencingGroup(db, event.params.id)
	]);
	if (!group) error(404, `There is no group ${event.params.id}. It may have been deleted already.`);
	return { group, rooms, canEdit: viewer.role === 'admin' };
};

export const actions: Actions = {
	default: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		try {
			await db.$transaction((tx) => deleteGroup(tx, admin.id, event.params.id));
		} catch (problem) {
			if (problem instanceof GroupNotFound) error(404, `The group ${event.params.id} was already deleted.`);
			throw problem;
		}
		redirect(303, `/groups?deleted=${encodeURIComponent(event.params.id)}`);
	}
};
