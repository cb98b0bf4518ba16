import { LiveblocksError } from '@liveblocks/node';
import { staffRoles } from '$lib/roles';
import { requirePerson } from '$lib/server/authorization';
import { liveblocks } from '$lib/server/liveblocks';
import type { PageServerLoad } from './$types';

export type RoomSummary = { id: string; title: string | null; organizationId: string; createdAt: string };

// A first look at the rooms straight from Liveblocks; the searchable index comes with room management.
export const load: PageServerLoad = async (event) => {
	await requirePerson(event, staffRoles);
	try {
		const { data } = await liveblocks().getRooms({ limit: 100 });
		const rooms: RoomSummary[] = data.map((room) => ({
			id: room.id,
			title: typeof room.metadata.title === 'string' ? room.metadata.title : null,
			organizationId: room.organizationId,
			createdAt: room.createdAt.toISOString()
		}));
		return { rooms, problem: null };
	} catch (error) {
		const reason = error instanceof LiveblocksError ? `${error.status} ${error.message}` : String(error);
		return { rooms: [] as RoomSummary[], problem: `Liveblocks did not list the rooms: ${reason}` };
	}
};
