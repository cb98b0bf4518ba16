// Reading access requests: the admins' queue and history, one request, and a person's own.
import { decodeCursor, decodeInstant, encodeCursor } from '../keyset-cursor';
import type { AccessRequest, Prisma } from '../prisma/client';
import type { DbOrTx } from '../transaction';

export type AccessRequestView = Pick<
	AccessRequest,
	'id' | 'status' | 'message' | 'requestedAt' | 'decidedAt' | 'level' | 'declineReason'
> & {
	person: { id: string; name: string; email: string };
	/** title from the room's metadata; `indexed` false once the room left the index (deleted). */
	room: { id: string; title: string | null; indexed: boolean };
	/** null while pending, or when the admin who decided was deleted since. */
	decidedBy: { id: string; name: string } | null;
};

const select = {
	id: true,
	roomId: true,
	status: true,
	message: true,
	requestedAt: true,
	decidedAt: true,
	decidedById: true,
	level: true,
	declineReason: true,
	person: { select: { id: true, name: true, email: true } }
} satisfies Prisma.AccessRequestSelect;

type Row = Prisma.AccessRequestGetPayload<{ select: typeof select }>;

/** Rooms and deciders for a page of requests: two queries, however many rows. */
async function views(db: DbOrTx, rows: Row[]): Promise<AccessRequestView[]> {
	const roomIds = [...new Set(rows.map((row) => row.roomId))];
	const deciderIds = [...new Set(rows.flatMap((row) => (row.decidedById ? [row.decidedById] : [])))];
	const [rooms, deciders] = await Promise.all([
		db.room.findMany({ where: { id: { in: roomIds } }, select: { id: true, metadata: true } }),
		db.person.findMany({ where: { id: { in: deciderIds } }, select: { id: true, name: true } })
	]);
	const titles = new Map(
		rooms.map((room) => {
			const title = (room.metadata as Record<string, unknown>).title;
			return [room.id, typeof title === 'string' ? title : null];
		})
	);
	const names = new Map(deciders.map((person) => [person.id, person]));
	return rows.map(({ decidedById, roomId, ...row }) => ({
		...row,
		room: { id: roomId, title: titles.get(roomId) ?? null, indexed: titles.has(roomId) },
		decidedBy: decidedById ? (names.get(decidedById) ?? null) : null
	}));
}

/** How many requests wait for an admin (for the navigation badge): one count on the pending index. */
export function countPendingRequests(db: DbOrTx): Promise<number> {
	return db.accessRequest.count({ where: { status: 'pending' } });
}

/** The requests waiting for an admin, oldest first (at most `limit`). */
export async function listPendingRequests(db: DbOrTx, limit = 100): Promise<AccessRequestView[]> {
	const rows = await db.accessRequest.findMany({
		where: { status: 'pending' },
		orderBy: [{ requestedAt: 'asc' }, { id: 'asc' }],
		take: limit,
		select
	});
	return views(db, rows);
}

export type DecidedPage = { requests: AccessRequestView[]; next: string | null };

/** Approved and declined requests, most recently decided first, a keyset page at a time. */
export async function listDecidedRequests(
	db: DbOrTx,
	options: { after?: string | null; limit?: number } = {}
): Promise<DecidedPage> {
	const limit = options.limit ?? 20;
	const after = decodeCursor(options.after, 2);
	const afterDate = after ? decodeInstant(after[0]!) : null;
	const keyset: Prisma.AccessRequestWhereInput =
		after && afterDate
			? {
					OR: [{ decidedAt: { lt: afterDate } }, { decidedAt: afterDate, id: { lt: after[1] } }]
				}
			: {};
	const rows = await db.accessRequest.findMany({
		where: { decidedAt: { not: null }, ...keyset },
		orderBy: [{ decidedAt: 'desc' }, { id: 'desc' }],
		take: limit + 1,
		select
	});
	const page = rows.slice(0, limit);
	const last = page.at(-1);
	return {
		requests: await views(db, page),
		next:
			rows.length > limit && last?.decidedAt ? encodeCursor([last.decidedAt.toISOString(), last.id]) : null
	};
}

/** One request, or null. */
export async function findRequest(db: DbOrTx, id: string): Promise<AccessRequestView | null> {
	const row = await db.accessRequest.findUnique({ where: { id }, select });
	return row ? (await views(db, [row]))[0]! : null;
}

/** A person's own requests, newest first (at most `limit`), for their home. */
export async function requestsOfPerson(
	db: DbOrTx,
	personId: string,
	limit = 20
): Promise<AccessRequestView[]> {
	const rows = await db.accessRequest.findMany({
		where: { personId },
		orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
		take: limit,
		select
	});
	return views(db, rows);
}

/** The person's latest request for one room, pending or decided, or null. */
export async function latestRequestFor(
	db: DbOrTx,
	personId: string,
	roomId: string
): Promise<AccessRequestView | null> {
	const row = await db.accessRequest.findFirst({
		where: { personId, roomId },
		orderBy: [{ requestedAt: 'desc' }, { id: 'desc' }],
		select
	});
	return row ? (await views(db, [row]))[0]! : null;
}
