import { error } from '@sveltejs/kit';
import { auditCsvColumns, auditCsvRecord } from '$lib/audit-csv';
import { parseAuditQuery } from '$lib/audit-query';
import { serializeCsvRecord } from '$lib/csv';
import { staffRoles } from '$lib/roles';
import { auditEventsForExport } from '$lib/server/audit-log/export';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import type { RequestHandler } from './$types';

/**
 * The audit log as CSV: the same URL filters select the same events (the page's cursors aside),
 * newest first. Streamed a batch at a time, each read only when the client takes more.
 */
export const GET: RequestHandler = async (event) => {
	await requirePerson(event, staffRoles);
	const { query, problems } = parseAuditQuery(event.url.searchParams);
	if (problems.length > 0) error(400, `Nothing was exported: ${problems.join(' ')}`);
	const batches = auditEventsForExport(db, query);
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			// The byte-order mark makes Excel read the file as UTF-8.
			controller.enqueue(encoder.encode('\uFEFF' + serializeCsvRecord(auditCsvColumns)));
		},
		async pull(controller) {
			const { done, value } = await batches.next();
			if (done) controller.close();
			else
				controller.enqueue(
					encoder.encode(value.map((entry) => serializeCsvRecord(auditCsvRecord(entry))).join(''))
				);
		},
		async cancel() {
			await batches.return(undefined);
		}
	});
	const day = new Date().toISOString().slice(0, 10);
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="audit-log-${day}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
