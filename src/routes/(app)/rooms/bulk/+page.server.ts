import { staffRoles } from '$lib/roles';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { listBulkJobs } from '$lib/server/rooms/bulk/read';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	const { jobs, next } = await listBulkJobs(db, { after: event.url.searchParams.get('after') });
	return { jobs, next, paged: event.url.searchParams.has('after'), canEdit: viewer.role === 'admin' };
};
