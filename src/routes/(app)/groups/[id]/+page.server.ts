import { error, fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { countNoun } from '$lib/count-noun';
import { staffRoles } from '$lib/roles';
import { emailList, groupDetailsSchema, memberAdditionSchema, memberRemovalSchema } from '$lib/schemas/group';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { GroupNotFound, MembershipChanged, PersonNotFound } from '$lib/server/domain-errors';
import { addMembersToGroup, removeMembersFromGroup } from '$lib/server/groups/memberships';
import { findGroup, listMembers } from '$lib/server/groups/read';
import { updateGroup } from '$lib/server/groups/write';
import { findPeopleByEmail } from '$lib/server/people/find';
import { countRoomsOfGroup, listRoomsOfGroup } from '$lib/server/rooms/enterable';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	const group = await findGroup(db, event.params.id);
	if (!group) error(404, `There is no group ${event.params.id}. It may have been deleted.`);
	const params = event.url.searchParams;
	const after = params.get('after');
	const { name, description } = group;
	const [rooms, roomCount] = await Promise.all([
		listRoomsOfGroup(db, group.id, {
			after: params.get('roomsAfter'),
			before: params.get('roomsBefore'),
			limit: 10
		}),
		countRoomsOfGroup(db, group.id)
	]);
	return {
		group,
		rooms,
		roomCount,
		...(await listMembers(db, group.id, { after })),
		paged: Boolean(after),
		created: event.url.searchParams.has('created'),
		canEdit: viewer.role === 'admin',
		detailsForm: await superValidate({ name, description }, zod4(groupDetailsSchema), { id: 'details' }),
		addForm: await superValidate(zod4(memberAdditionSchema), { id: 'add', errors: false }),
		removeForm: await superValidate(zod4(memberRemovalSchema), { id: 'remove', errors: false })
	};
};

export const actions: Actions = {
	details: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		const form = await superValidate(event.request, zod4(groupDetailsSchema), { id: 'details' });
		if (!form.valid) return fail(400, { form });
		try {
			await updateGroup(db, admin.id, event.params.id, form.data);
		} catch (problem) {
			if (problem instanceof GroupNotFound) error(404, problem.message);
			throw problem;
		}
		return message(form, 'Saved.');
	},

	add: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		const form = await superValidate(event.request, zod4(memberAdditionSchema), { id: 'add' });
		if (!form.valid) return fail(400, { form });
		const byEmail = await findPeopleByEmail(db, emailList(form.data.emails));
		if (byEmail.unknown.length > 0) {
			return setError(
				form,
				'emails',
				`No one has ${byEmail.unknown.length === 1 ? 'this email' : 'these emails'}: ${byEmail.unknown.join(', ')}. Nobody was added.`
			);
		}
		const personIds = [...new Set([...form.data.personIds, ...byEmail.ids])];
		let added: string[];
		try {
			added = await addMembersToGroup(db, admin.id, event.params.id, personIds);
		} catch (problem) {
			// Since the page was loaded, someone chosen was deleted or added by another admin (shown at
			// the picker, whose errors are those of the emails), or the group itself was deleted.
			if (problem instanceof PersonNotFound || problem instanceof MembershipChanged)
				return setError(form, 'emails', problem.message, { status: 409 });
			if (problem instanceof GroupNotFound) return message(form, problem.message, { status: 409 });
			throw problem;
		}
		const already = personIds.length - added.length;
		form.data = { personIds: [], emails: '' };
		const alreadyNote =
			already > 0 ? ` ${countNoun(already, 'person was', 'people were')} already in it.` : '';
		return message(form, `Added ${countNoun(added.length, 'person', 'people')} to the group.${alreadyNote}`);
	},

	remove: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		const form = await superValidate(event.request, zod4(memberRemovalSchema), { id: 'remove' });
		if (!form.valid) return fail(400, { form });
		const removed = await removeMembersFromGroup(db, admin.id, event.params.id, form.data.personIds);
		form.data.personIds = [];
		return message(form, `Removed ${countNoun(removed.length, 'person', 'people')} from the group.`);
	}
};
