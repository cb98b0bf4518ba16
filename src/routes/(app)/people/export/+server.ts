import { serializeCsvRecord } from '$lib/csv';
import { exportColumns, exportRecord } from '$lib/people-csv';
import { parsePeopleQuery } from '$lib/people-query';
import { staffRoles } from '$lib/roles';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { peopleForExport } from '$lib/server/people/export';
import type { RequestHandler } from './$types';

/**
 * The people list as CSV: the same URL parameters select and order the same people (the page
 * and its cursors aside). Streamed a batch at a time, each read only when the client takes more.
 */
export const GET: RequestHandler = async (event) => {
	await requirePerson(event, staffRoles);
	const batches = peopleForExport(db, parsePeopleQuery(event.url.searchParams));
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			// The byte-order mark makes Excel read the file as UTF-8; the import skips it.
			controller.enqueue(encoder.encode('\uFEFF' + serializeCsvRecord(exportColumns)));
		},
		async pull(controller) {
			const { done, value } = await batches.next();
			if (done) controller.close();
			else
				controller.enqueue(
					encoder.encode(value.map((person) => serializeCsvRecord(exportRecord(person))).join(''))
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
			'content-disposition': `attachment; filename="people-${day}.csv"`,
			'cache-control': 'no-store'
		}
	});
};
