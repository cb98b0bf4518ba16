import { error, redirect } from '@sveltejs/kit';
import { staffRoles } from '$lib/roles';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { findGroup } from '$lib/server/groups/read';
import { GroupNotFound } from '$lib/server/domain-errors';
import { deleteGroup } from '$lib/server/groups/write';
import { runBulkJobHere } from '$lib/server/rooms/bulk/background';
import { roomsReferencing } from '$lib/server/rooms/referencing';
import type { Actions, PageServerLoad } from './$types';

// The confirmation step, a page of its own so it works without JavaScript.
export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	const [group, rooms] = await Promise.all([
		findGroup(db, event.params.id),
		roomsReferencing(db, { kind: 'group', id: event.params.id })
	]);
	if (!group) error(404, `There is no group ${event.params.id}. It may have been deleted already.`);
	return { group, rooms, canEdit: viewer.role === 'admin' };
};

export const actions: Actions = {
	default: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		const removeEntries = (await event.request.formData()).get('removeEntries') === 'on';
		const id = event.params.id;
		let jobId: string | null;
		try {
			({ jobId } = await deleteGroup(db, admin.id, id, { removeEntries }));
		} catch (problem) {
			if (problem instanceof GroupNotFound) error(404, `The group ${id} was already deleted.`);
			throw problem;
		}
		if (!jobId) redirect(303, `/groups?deleted=${encodeURIComponent(id)}`);
		runBulkJobHere(jobId);
		redirect(303, `/rooms/bulk/${jobId}`);
	}
};
