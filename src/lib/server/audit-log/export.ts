import type { AuditFilter } from '$lib/audit-query';
import type { AuditLogEntry } from '$lib/audit-entry';
import type { DbOrTx } from '../transaction';
import { auditLogEntries } from './entries';
import { selectEvents, type AuditEventRow } from './list';

/**
 * Every event the filter selects, newest first, a batch at a time in words: keyset paging on the
 * log's indexes, so a million events never sit in memory together and the last batch costs what
 * the first does. Events recorded while a long export runs are newer than its first batch, so
 * they are not in it.
 */
export async function* auditEventsForExport(
	db: DbOrTx,
	filter: AuditFilter,
	batchSize = 1_000
): AsyncGenerator<AuditLogEntry[]> {
	let last: AuditEventRow | undefined;
	for (;;) {
		const position = last && { createdAt: last.createdAt.toISOString(), id: String(last.id) };
		const batch = await selectEvents(db, filter, batchSize, position ? { position, newer: false } : null);
		if (batch.length > 0) yield await auditLogEntries(db, batch);
		if (batch.length < batchSize) return;
		last = batch.at(-1);
	}
}
