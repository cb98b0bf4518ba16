import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { staffRoles } from '$lib/roles';
import { newGroupSchema } from '$lib/schemas/group';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { createGroup, GroupIdTaken } from '$lib/server/groups/write';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	return { form: await superValidate(zod4(newGroupSchema)), canEdit: viewer.role === 'admin' };
};

export const actions: Actions = {
	default: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		const form = await superValidate(event.request, zod4(newGroupSchema));
		if (!form.valid) return fail(400, { form });
		try {
			await db.$transaction((tx) => createGroup(tx, admin.id, form.data));
		} catch (error) {
			if (error instanceof GroupIdTaken) {
				return setError(form, 'id', 'Another group already has this id. Ids never change, so pick another.');
			}
			throw error;
		}
		redirect(303, `/groups/${form.data.id}?created`);
	}
};
