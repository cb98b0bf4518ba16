import { fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { filterOf, parsePeopleQuery } from '$lib/people-query';
import { staffRoles } from '$lib/roles';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { GroupNotFound, MembershipChanged, PersonNotFound } from '$lib/server/domain-errors';
import type { BulkTarget } from '$lib/server/people/bulk';
import { groupChoices } from '$lib/server/people/group-choices';
import { listPeopleWithCount } from '$lib/server/people/list';
import { runBulkAction } from './bulk-action';
import { bulkSchema, type BulkForm, type BulkMessage } from './bulk-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	const query = parsePeopleQuery(event.url.searchParams);
	const [listing, groups, form] = await Promise.all([
		listPeopleWithCount(db, query),
		groupChoices(db),
		superValidate<BulkForm, BulkMessage>(zod4(bulkSchema), { errors: false })
	]);
	return { query, ...listing, groups, form, canEdit: viewer.role === 'admin' };
};

export const actions: Actions = {
	// Posted to the page's own URL, so "all matching" is the filter the admin is looking at.
	bulk: async (event) => {
		const actor = await requirePerson(event, ['admin']);
		const form = await superValidate<BulkForm, BulkMessage>(event.request, zod4(bulkSchema));
		if (!form.valid) return fail(400, { form });
		const target: BulkTarget =
			form.data.scope === 'matching'
				? { filter: filterOf(parsePeopleQuery(event.url.searchParams)) }
				: { ids: form.data.ids };
		try {
			return message(form, await runBulkAction(db, actor.id, form.data, target));
		} catch (error) {
			if (error instanceof GroupNotFound) {
				return setError(form, 'group', `No group has the id “${form.data.group}”. Pick one from the list.`);
			}
			// Someone chosen was deleted, or added by another admin, while the action ran: nothing changed.
			if (error instanceof PersonNotFound || error instanceof MembershipChanged)
				return message(form, { tone: 'error', text: error.message }, { status: 409 });
			throw error;
		}
	}
};
