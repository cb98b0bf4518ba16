import { error, fail } from '@sveltejs/kit';
import { staffRoles } from '$lib/roles';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { runBulkJobHere } from '$lib/server/rooms/bulk/background';
import { cancelBulkJob, resumeBulkJob } from '$lib/server/rooms/bulk/control';
import { bulkJobResults, findBulkJob, roomStatuses } from '$lib/server/rooms/bulk/read';
import type { Actions, PageServerLoad } from './$types';

const shownResults = 500;

export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	event.depends('bulk:job');
	const job = await findBulkJob(db, event.params.jobId);
	if (!job) error(404, 'There is no such bulk job.');
	const wanted = event.url.searchParams.get('status');
	const status = roomStatuses.find((s) => s === wanted);
	return {
		job,
		status: status ?? null,
		results: await bulkJobResults(db, job.id, { status, limit: shownResults }),
		shownResults,
		canEdit: viewer.role === 'admin'
	};
};

export const actions: Actions = {
	cancel: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		if (!(await cancelBulkJob(db, admin.id, event.params.jobId))) {
			return fail(409, { problem: 'The job had already ended: there was nothing to cancel.' });
		}
		return { done: 'Cancelled: rooms not yet changed stay as they are.' };
	},

	resume: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		const result = await resumeBulkJob(db, admin.id, event.params.jobId);
		if (result === 'nothing-to-resume') {
			return fail(409, { problem: 'Every room is done: there is nothing to resume.' });
		}
		if (result === 'not-stopped') {
			return fail(409, {
				problem: 'The job is still running; an instance that stopped hands it on by itself.'
			});
		}
		runBulkJobHere(event.params.jobId);
		return { done: 'Resumed: the failed and cancelled rooms are tried again.' };
	}
};
