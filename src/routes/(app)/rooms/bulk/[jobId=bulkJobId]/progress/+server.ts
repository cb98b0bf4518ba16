import { error, json } from '@sveltejs/kit';
import { staffRoles } from '$lib/roles';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { bulkJobProgress } from '$lib/server/rooms/bulk/read';
import type { RequestHandler } from './$types';

/** What the job page's progress bar polls: the same counts whichever instance runs the job. */
export const GET: RequestHandler = async (event) => {
	await requirePerson(event, staffRoles);
	const progress = await bulkJobProgress(db, event.params.jobId);
	if (!progress) error(404, 'There is no such bulk job.');
	return json(progress, { headers: { 'cache-control': 'no-store' } });
};
