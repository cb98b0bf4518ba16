import { error } from '@sveltejs/kit';
import { auditCsvColumns, auditCsvRecord } from '$lib/audit-csv';
import { parseAuditQuery } from '$lib/audit-query';
import { staffRoles } from '$lib/roles';
import { auditEventsForExport } from '$lib/server/audit-log/export';
import { requirePerson } from '$lib/server/authorization';
import { csvDownload } from '$lib/server/csv-download';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

/**
 * The audit log as CSV: the same URL filters select the same events (the page's cursors aside),
 * newest first, streamed a batch at a time.
 */
export const GET: RequestHandler = async (event) => {
	await requirePerson(event, staffRoles);
	const { query, problems } = parseAuditQuery(event.url.searchParams);
	if (problems.length > 0) error(400, `Nothing was exported: ${problems.join(' ')}`);
	return csvDownload('audit-log', auditCsvColumns, auditEventsForExport(db, query), auditCsvRecord);
};
