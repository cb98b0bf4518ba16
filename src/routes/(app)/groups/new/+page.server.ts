import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { z } from 'zod';
import { countNoun } from '$lib/count-noun';
import { staffRoles } from '$lib/roles';
import { newGroupSchema } from '$lib/schemas/group';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { GroupIdTaken } from '$lib/server/domain-errors';
import { createGroup } from '$lib/server/groups/write';
import { roomsReferencing } from '$lib/server/rooms/referencing';
import type { Actions, PageServerLoad } from './$types';

/** A new group, and the admin's word that re-granting what rooms still give its id is intended. */
const schema = newGroupSchema.extend({ regrant: z.boolean().default(false) });

export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	return { form: await superValidate(zod4(schema)), canEdit: viewer.role === 'admin' };
};

export const actions: Actions = {
	default: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		const form = await superValidate(event.request, zod4(schema));
		if (!form.valid) return fail(400, { form });
		// Rooms keep a deleted group's entries: a group with the same id would get that access back.
		const rooms = await roomsReferencing(db, { kind: 'group', id: form.data.id });
		if (rooms.length > 0 && !form.data.regrant) {
			const named =
				rooms.slice(0, 10).join(', ') + (rooms.length > 10 ? ` and ${rooms.length - 10} more` : '');
			return setError(
				form,
				'regrant',
				`${countNoun(rooms.length, 'room')} still ${rooms.length === 1 ? 'has' : 'have'} an entry for the id ${form.data.id} (${named}): its members would get that access. Tick the box to create the group anyway.`,
				{ status: 409 }
			);
		}
		try {
			const { id, name, description } = form.data;
			await createGroup(db, admin.id, { id, name, description });
		} catch (error) {
			if (error instanceof GroupIdTaken) return setError(form, 'id', error.message, { status: 409 });
			throw error;
		}
		redirect(303, `/groups/${form.data.id}?created`);
	}
};
