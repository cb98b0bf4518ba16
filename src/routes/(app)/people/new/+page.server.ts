import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { staffRoles } from '$lib/roles';
import { personSchema } from '$lib/schemas/person';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { EmailTaken } from '$lib/server/domain-errors';
import { createPerson } from '$lib/server/people/write';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	return { form: await superValidate(zod4(personSchema)), canEdit: viewer.role === 'admin' };
};

export const actions: Actions = {
	default: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		const form = await superValidate(event.request, zod4(personSchema));
		if (!form.valid) return fail(400, { form });
		let id: string;
		try {
			id = (await createPerson(db, admin.id, { ...form.data, status: 'active' })).id;
		} catch (error) {
			if (error instanceof EmailTaken) return setError(form, 'email', error.message, { status: 409 });
			throw error;
		}
		redirect(303, `/people/${id}?created`);
	}
};
