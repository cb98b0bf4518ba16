import { error, fail, redirect } from '@sveltejs/kit';
import { staffRoles } from '$lib/roles';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { deletePerson } from '$lib/server/people/delete';
import { SelfLockout } from '$lib/server/people/lockout';
import { loadPersonProfile } from '$lib/server/people/profile';
import { PersonNotFound } from '$lib/server/people/write';
import type { Actions, PageServerLoad } from './$types';

// The confirmation step, a page of its own so it works without JavaScript.
export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	const profile = await loadPersonProfile(db, event.params.id);
	if (!profile) error(404, 'There is no such person. They may have been deleted already.');
	return { profile, canEdit: viewer.role === 'admin', isSelf: viewer.id === profile.id };
};

export const actions: Actions = {
	default: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		try {
			await db.$transaction((tx) => deletePerson(tx, admin.id, event.params.id));
		} catch (problem) {
			if (problem instanceof SelfLockout) return fail(400, { problem: problem.message });
			if (problem instanceof PersonNotFound) error(404, 'This person was already deleted.');
			throw problem;
		}
		redirect(303, '/people');
	}
};
