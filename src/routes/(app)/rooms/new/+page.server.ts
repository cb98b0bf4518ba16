import { fail, redirect } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { staffRoles } from '$lib/roles';
import { newRoomSchema } from '$lib/schemas/room';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { liveblocks } from '$lib/server/liveblocks/client';
import { LiveblocksUnavailable, RoomExists, RoomNotFound, WriteUnconfirmed } from '$lib/server/liveblocks';
import { createRoom, InvalidAccesses, RoomNotRecorded } from '$lib/server/rooms/write';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	return { form: await superValidate(zod4(newRoomSchema)), canEdit: viewer.role === 'admin' };
};

export const actions: Actions = {
	default: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		const form = await superValidate(event.request, zod4(newRoomSchema));
		if (!form.valid) return fail(400, { form });
		try {
			await createRoom(db, liveblocks(), admin.id, form.data);
		} catch (error) {
			if (error instanceof RoomExists) return setError(form, 'id', 'A room with this id exists.');
			if (error instanceof RoomNotFound) {
				return setError(form, 'copyFrom', `There is no room ${error.id} in Liveblocks to copy from.`);
			}
			if (error instanceof InvalidAccesses) {
				return setError(form, 'copyFrom', `That room's accesses break Liveblocks' rules: ${error.message}`);
			}
			if (error instanceof WriteUnconfirmed) return message(form, error.message, { status: 503 });
			if (error instanceof LiveblocksUnavailable || error instanceof RoomNotRecorded) {
				return message(form, `The room was not created. ${error.message}`, { status: 503 });
			}
			throw error;
		}
		// On to the new room, where the next step usually is deciding who has access.
		redirect(303, `/rooms/${encodeURIComponent(form.data.id)}/access?created`);
	}
};
