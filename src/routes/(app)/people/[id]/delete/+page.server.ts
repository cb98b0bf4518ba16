import { error, fail, redirect } from '@sveltejs/kit';
import { staffRoles } from '$lib/roles';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { PersonNotFound } from '$lib/server/domain-errors';
import { deletePerson } from '$lib/server/people/delete';
import { SelfLockout } from '$lib/server/people/lockout';
import { loadPersonProfile } from '$lib/server/people/profile';
import { runBulkJobHere } from '$lib/server/rooms/bulk/background';
import { roomsReferencing } from '$lib/server/rooms/referencing';
import type { Actions, PageServerLoad } from './$types';

// The confirmation step, a page of its own so it works without JavaScript.
export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	const [profile, rooms] = await Promise.all([
		loadPersonProfile(db, event.params.id),
		roomsReferencing(db, { kind: 'user', id: event.params.id })
	]);
	if (!profile) error(404, 'There is no such person. They may have been deleted already.');
	return { profile, rooms, canEdit: viewer.role === 'admin', isSelf: viewer.id === profile.id };
};

export const actions: Actions = {
	default: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		const removeEntries = (await event.request.formData()).get('removeEntries') === 'on';
		const id = event.params.id;
		let jobId: string | null;
		try {
			({ jobId } = await deletePerson(db, admin.id, id, { removeEntries }));
		} catch (problem) {
			if (problem instanceof SelfLockout) return fail(400, { problem: problem.message });
			if (problem instanceof PersonNotFound) error(404, 'This person was already deleted.');
			throw problem;
		}
		if (!jobId) redirect(303, '/people');
		runBulkJobHere(jobId);
		redirect(303, `/rooms/bulk/${jobId}`);
	}
};
