import { exportColumns, exportRecord } from '$lib/people-csv';
import { parsePeopleQuery } from '$lib/people-query';
import { staffRoles } from '$lib/roles';
import { requirePerson } from '$lib/server/authorization';
import { csvDownload } from '$lib/server/csv-download';
import { db } from '$lib/server/db';
import { peopleForExport } from '$lib/server/people/export';
import type { RequestHandler } from './$types';

/**
 * The people list as CSV: the same URL parameters select and order the same people (the page
 * and its cursors aside), streamed a batch at a time.
 */
export const GET: RequestHandler = async (event) => {
	await requirePerson(event, staffRoles);
	const people = peopleForExport(db, parsePeopleQuery(event.url.searchParams));
	return csvDownload('people', exportColumns, people, exportRecord);
};
