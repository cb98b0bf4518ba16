import { error, fail } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { resolveEffectiveAccess } from '$lib/access';
import { accessSummary } from '$lib/labels';
import { accessRequestSchema } from '$lib/schemas/access-request';
import { latestRequestFor } from '$lib/server/access-requests/list';
import { AlreadyHasAccess, requestAccess, RoomNotIndexed } from '$lib/server/access-requests/request';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { AlreadyRequested } from '$lib/server/domain-errors';
import { identityOf } from '$lib/server/identity';
import { indexedAccesses } from '$lib/server/rooms/list';
import type { Actions, PageServerLoad } from './$types';

const unknownRoom = (roomId: string) =>
	`Gatehouse knows no room “${roomId}”. Check the link; if it is right, ask an admin whether the room still exists.`;

// Anyone signed in may ask for a room they cannot enter; what they can do is read from the room
// index, resolved for the identity their ID token carries.
export const load: PageServerLoad = async (event) => {
	const person = await requirePerson(event);
	const roomId = event.params.id;
	const room = await db.room.findUnique({
		where: { id: roomId },
		select: { id: true, metadata: true, defaultAccesses: true, groupsAccesses: true, usersAccesses: true }
	});
	if (!room) error(404, unknownRoom(roomId));
	const title = (room.metadata as Record<string, unknown>).title;
	const { identity, refusal } = identityOf(person);
	return {
		room: { id: room.id, title: typeof title === 'string' ? title : null },
		access: accessSummary(resolveEffectiveAccess(indexedAccesses(room), identity)),
		/** Why the ID-token endpoint would refuse them anywhere, whatever the room allows. */
		refusal,
		latest: await latestRequestFor(db, person.id, roomId),
		form: await superValidate(zod4(accessRequestSchema))
	};
};

export const actions: Actions = {
	default: async (event) => {
		const person = await requirePerson(event);
		const form = await superValidate(event.request, zod4(accessRequestSchema));
		if (!form.valid) return fail(400, { form });
		try {
			await requestAccess(db, identityOf(person).identity, event.params.id, form.data.message);
		} catch (problem) {
			if (problem instanceof RoomNotIndexed) error(404, unknownRoom(event.params.id));
			if (problem instanceof AlreadyHasAccess || problem instanceof AlreadyRequested)
				return message(form, `${problem.message}.`, { status: 409 });
			throw problem;
		}
		return { form };
	}
};
