import { error, fail, redirect } from '@sveltejs/kit';
import { staffRoles } from '$lib/roles';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { liveblocks } from '$lib/server/liveblocks/client';
import { LiveblocksUnavailable, RoomNotFound, WriteUnconfirmed } from '$lib/server/liveblocks';
import { deleteRoom, DeletionNotRecorded } from '$lib/server/rooms/write';
import type { Actions, PageServerLoad } from './$types';

// The confirmation step, a page of its own so it works without JavaScript: type the id to delete.
export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	const room = await db.room.findUnique({
		where: { id: event.params.id },
		select: { id: true, activeUsers: true }
	});
	if (!room)
		error(
			404,
			`There is no room ${event.params.id} in the index. Sync from Liveblocks if it was created elsewhere.`
		);
	return { room, canEdit: viewer.role === 'admin' };
};

export const actions: Actions = {
	default: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		const confirmation = String((await event.request.formData()).get('confirm') ?? '').trim();
		if (confirmation !== event.params.id) {
			return fail(400, { confirm: confirmation, problem: 'Type the room id exactly to confirm.' });
		}
		try {
			await deleteRoom(db, liveblocks(), admin.id, event.params.id);
		} catch (problem) {
			if (problem instanceof RoomNotFound) error(404, `The room ${event.params.id} was already deleted.`);
			if (problem instanceof WriteUnconfirmed || problem instanceof DeletionNotRecorded)
				return fail(503, { confirm: confirmation, problem: problem.message });
			if (problem instanceof LiveblocksUnavailable)
				return fail(503, { confirm: confirmation, problem: `The room was not deleted. ${problem.message}` });
			throw problem;
		}
		redirect(303, `/rooms?deleted=${encodeURIComponent(event.params.id)}`);
	}
};
