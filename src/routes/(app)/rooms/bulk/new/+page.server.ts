import { fail, redirect } from '@sveltejs/kit';
import { setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { staffRoles } from '$lib/roles';
import { bulkChangeSchema } from '$lib/schemas/bulk-policy';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { runBulkJobHere } from '$lib/server/rooms/bulk/background';
import { createBulkJob } from '$lib/server/rooms/bulk/create';
import { previewBulkChange } from '$lib/server/rooms/bulk/preview';
import { roomOrganizations } from '$lib/server/rooms/list';
import { prepareChange } from './prepare';
import type { Actions, PageServerLoad } from './$types';

/** Opened from the rooms list with the ticked rooms (?ticked=1&room=…) or its filter (?q=…&org=…). */
export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	const params = event.url.searchParams;
	const rooms = params.getAll('room');
	const form = await superValidate(
		{
			mode: params.has('ticked') || rooms.length > 0 ? 'rooms' : 'filter',
			rooms,
			q: params.get('q') ?? '',
			org: params.get('org') ?? ''
		},
		zod4(bulkChangeSchema),
		{ errors: false }
	);
	return { form, organizations: await roomOrganizations(db), canEdit: viewer.role === 'admin' };
};

export const actions: Actions = {
	preview: async (event) => {
		await requirePerson(event, ['admin']);
		const form = await superValidate(event.request, zod4(bulkChangeSchema));
		if (!form.valid) return fail(400, { form });
		const prepared = await prepareChange(form);
		if (!prepared) return fail(400, { form });
		const preview = await previewBulkChange(db, prepared.roomIds, prepared.change);
		form.data.digest = preview.digest;
		form.data.confirmed = false;
		return {
			form,
			preview,
			change: prepared.change,
			person: prepared.person,
			subject: prepared.subject,
			selection: prepared.selection
		};
	},

	start: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		const form = await superValidate(event.request, zod4(bulkChangeSchema));
		if (!form.valid) return fail(400, { form });
		const prepared = await prepareChange(form);
		if (!prepared) return fail(400, { form });
		const preview = await previewBulkChange(db, prepared.roomIds, prepared.change);
		const context = {
			preview,
			change: prepared.change,
			person: prepared.person,
			subject: prepared.subject,
			selection: prepared.selection
		};
		if (preview.digest !== form.data.digest) {
			// The rooms the filter matches, or the change itself, are not what the admin saw.
			form.data.digest = preview.digest;
			form.data.confirmed = false;
			setError(
				form,
				'confirmed',
				'The rooms or the change differ from the preview: check this one and start again.'
			);
			return fail(409, { form, ...context });
		}
		if (!form.data.confirmed) {
			setError(form, 'confirmed', 'Tick the box to confirm the change.');
			return fail(400, { form, ...context });
		}
		const jobId = await createBulkJob(db, admin.id, prepared);
		runBulkJobHere(jobId);
		redirect(303, `/rooms/bulk/${jobId}`);
	}
};
