import { error, json } from '@sveltejs/kit';
import { staffRoles } from '$lib/roles';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { listRooms } from '$lib/server/rooms/list';
import type { RequestHandler } from './$types';

export type RoomMatch = { id: string; title: string | null };

/** Backs room pickers (the audit log's target): a few rooms of the index whose id or metadata contains `q`. */
export const GET: RequestHandler = async (event) => {
	await requirePerson(event, staffRoles);
	const q = event.url.searchParams.get('q')?.trim() ?? '';
	if (q.length < 1 || q.length > 100) error(400, 'Give a search text of 1 to 100 characters in ?q=.');
	const { rooms } = await listRooms(db, { search: q, limit: 10 });
	return json(rooms.map(({ id, title }) => ({ id, title })) satisfies RoomMatch[]);
};
