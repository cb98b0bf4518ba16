import { auditPageSize, parseAuditQuery } from '$lib/audit-query';
import { staffRoles } from '$lib/roles';
import { auditLogEntries, auditSubject } from '$lib/server/audit-log/entries';
import { listAuditEvents } from '$lib/server/audit-log/list';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async (event) => {
	await requirePerson(event, staffRoles);
	const { query, problems } = parseAuditQuery(event.url.searchParams);
	const [actor = null, target = null] = await Promise.all([
		query.actor ? auditSubject(db, { type: 'person', id: query.actor }) : undefined,
		query.target ? auditSubject(db, query.target) : undefined
	]);
	const chosen = { actor, target };
	// The time the page was made: "3 minutes ago" reads the same on the server and in the browser.
	const now = new Date();
	if (problems.length > 0) return { query, problems, chosen, entries: [], next: null, previous: null, now };
	const page = await listAuditEvents(db, query, auditPageSize);
	const entries = (await auditLogEntries(db, page.events)).map(
		({ before: _b, after: _a, ...entry }) => entry
	);
	return { query, problems, chosen, entries, next: page.next, previous: page.previous, now };
};
