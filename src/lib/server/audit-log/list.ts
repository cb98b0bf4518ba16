import { timeRange, type AuditFilter, type AuditQuery } from '$lib/audit-query';
import { decodeCursor, decodeInstant, encodeCursor } from '../keyset-cursor';
import { Prisma } from '../prisma/client';
import type { DbOrTx } from '../transaction';

export type AuditEventRow = {
	id: bigint;
	actorId: string | null;
	action: string;
	targetType: string;
	targetId: string;
	relatedType: string | null;
	relatedId: string | null;
	before: unknown;
	after: unknown;
	createdAt: Date;
};

export type AuditEventPage = {
	events: AuditEventRow[];
	/** Cursors for the pages after and before this one; null where there is none. */
	next: string | null;
	previous: string | null;
};

const columns = Prisma.raw(
	'"id", "actorId", "action", "targetType", "targetId", "relatedType", "relatedId", "before", "after", "createdAt"'
);

type Position = { createdAt: string; id: string };

/** PostgreSQL's bigint ends here; a larger id in a cursor would fail the query. */
const maxBigint = 2n ** 63n - 1n;

/** createdAt is a UTC timestamp without zone, as Prisma stores it; times travel as ISO strings. */
const utc = (iso: string) => Prisma.sql`${iso}::timestamptz AT TIME ZONE 'UTC'`;

/**
 * Where the filter and the position select events. Each part is a prefix of one of the table's
 * (…, createdAt DESC, id DESC) indexes, so a page is the first rows of an index range.
 */
function conditions(filter: AuditFilter, beyond: { position: Position; newer: boolean } | null) {
	const { since, until } = timeRange(filter);
	const parts = [
		filter.actor ? Prisma.sql`"actorId" = ${filter.actor}` : null,
		filter.action ? Prisma.sql`"action" = ${filter.action}` : null,
		since ? Prisma.sql`"createdAt" >= ${utc(since.toISOString())}` : null,
		until ? Prisma.sql`"createdAt" < ${utc(until.toISOString())}` : null,
		beyond
			? Prisma.sql`("createdAt", "id") ${Prisma.raw(beyond.newer ? '>' : '<')} (${utc(beyond.position.createdAt)}, ${beyond.position.id}::bigint)`
			: null
	].filter((part) => part !== null);
	return parts;
}

/**
 * Up to `limit` events in the log's order (newest first, or oldest first for `newer`), past
 * `beyond`. An event is about a target when it is its target or what it is related to (a group's
 * memberships): two index ranges, each cut to the limit before they are merged.
 */
export async function selectEvents(
	db: DbOrTx,
	filter: AuditFilter,
	limit: number,
	beyond: { position: Position; newer: boolean } | null = null
): Promise<AuditEventRow[]> {
	const direction = Prisma.raw(beyond?.newer ? 'ASC' : 'DESC');
	const orderBy = Prisma.sql`ORDER BY "createdAt" ${direction}, "id" ${direction}`;
	const rest = conditions(filter, beyond);
	const where = (extra: Prisma.Sql[]) => {
		const all = [...extra, ...rest];
		return all.length > 0 ? Prisma.sql`WHERE ${Prisma.join(all, ' AND ')}` : Prisma.empty;
	};
	if (!filter.target) {
		return db.$queryRaw<AuditEventRow[]>`
			SELECT ${columns} FROM "AuditEvent" ${where([])} ${orderBy} LIMIT ${limit}`;
	}
	const { type, id } = filter.target;
	return db.$queryRaw<AuditEventRow[]>`
		(SELECT ${columns} FROM "AuditEvent"
			${where([Prisma.sql`"targetType" = ${type}`, Prisma.sql`"targetId" = ${id}`])} ${orderBy} LIMIT ${limit})
		UNION ALL
		(SELECT ${columns} FROM "AuditEvent"
			${where([Prisma.sql`"relatedType" = ${type}`, Prisma.sql`"relatedId" = ${id}`])} ${orderBy} LIMIT ${limit})
		${orderBy} LIMIT ${limit}`;
}

export function positionOf(event: Pick<AuditEventRow, 'createdAt' | 'id'>): string {
	return encodeCursor([event.createdAt.toISOString(), String(event.id)]);
}

function decodePosition(cursor: string | null): Position | null {
	const key = decodeCursor(cursor, 2);
	if (!key) return null;
	const [createdAt, id] = key as [string, string];
	const valid = decodeInstant(createdAt) && /^\d{1,19}$/.test(id) && BigInt(id) <= maxBigint;
	return valid ? { createdAt, id } : null;
}

/**
 * One page of the log by keyset on (createdAt, id), newest first: the 1,000th page costs what the
 * first does. A cursor that does not decode starts from the newest event.
 */
export async function listAuditEvents(db: DbOrTx, query: AuditQuery, size: number): Promise<AuditEventPage> {
	const before = decodePosition(query.before);
	const after = before ? null : decodePosition(query.after);
	if (before) {
		const rows = await selectEvents(db, query, size + 1, { position: before, newer: true });
		// Fewer than a page newer than the cursor: that is the first page, shown whole.
		if (rows.length <= size) return listAuditEvents(db, { ...query, before: null, after: null }, size);
		const events = rows.slice(0, size).reverse();
		return { events, next: positionOf(events.at(-1)!), previous: positionOf(events[0]!) };
	}
	const rows = await selectEvents(db, query, size + 1, after ? { position: after, newer: false } : null);
	const events = rows.slice(0, size);
	return {
		events,
		next: rows.length > size ? positionOf(events.at(-1)!) : null,
		previous: after && events.length > 0 ? positionOf(events[0]!) : null
	};
}
