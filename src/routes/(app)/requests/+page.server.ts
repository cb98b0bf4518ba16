import { staffRoles } from '$lib/roles';
import {
	countPendingRequests,
	findRequest,
	listDecidedRequests,
	listPendingRequests
} from '$lib/server/access-requests/list';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import type { PageServerLoad } from './$types';

/** Pending requests shown at once; the count says how many wait beyond them. */
const pendingShown = 100;

export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	const after = event.url.searchParams.get('after');
	// After an approval or a decline the list says which request was just decided.
	const decidedId = event.url.searchParams.get('decided');
	const [pendingCount, pending, decided, justDecided] = await Promise.all([
		countPendingRequests(db),
		listPendingRequests(db, pendingShown),
		listDecidedRequests(db, { after }),
		decidedId ? findRequest(db, decidedId) : null
	]);
	return {
		pendingCount,
		pending,
		decided,
		paged: Boolean(after),
		justDecided,
		canEdit: viewer.role === 'admin'
	};
};
