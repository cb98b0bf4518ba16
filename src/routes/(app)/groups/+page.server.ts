import { requirePerson } from '$lib/server/authorization';
import { staffRoles } from '$lib/roles';
import { db } from '$lib/server/db';
import { listGroups } from '$lib/server/groups/list';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	const search = event.url.searchParams.get('q')?.trim().slice(0, 100) ?? '';
	const after = event.url.searchParams.get('after');
	return {
		search,
		paged: Boolean(after),
		deleted: event.url.searchParams.get('deleted'),
		...(await listGroups(db, { search, after })),
		canEdit: viewer.role === 'admin'
	};
};
