// What the bulk pages show: a job's progress and per-room results, and the list of jobs.
import type { PolicyChange, RoomAccessUpdate, RoomAccesses } from '$lib/access';
import { policyChangeSchema } from '$lib/schemas/policy-change';
import { decodeCursor, decodeInstant, encodeCursor } from '../../keyset-cursor';
import { Prisma, type BulkJobRoomStatus, type BulkJobStatus } from '../../prisma/client';
import type { DbOrTx } from '../../transaction';
import { entryChanges, type EntryChange } from './preview';

export const roomStatuses = ['pending', 'changed', 'unchanged', 'failed', 'cancelled'] as const;
export type RoomCounts = Record<BulkJobRoomStatus, number>;

export type JobProgress = {
	id: string;
	status: BulkJobStatus;
	/** Running, but the instance that held it stopped: another one continues it soon. */
	interrupted: boolean;
	counts: RoomCounts;
	total: number;
	/** Rooms no longer pending. */
	done: number;
};

export type JobSummary = JobProgress & {
	change: PolicyChange;
	/** The group or person the change is about, as the directory names them; null for the default or one gone. */
	subject: string | null;
	selection: string;
	createdAt: Date;
	finishedAt: Date | null;
	createdBy: { id: string; name: string | null };
};

const emptyCounts = (): RoomCounts => ({ pending: 0, changed: 0, unchanged: 0, failed: 0, cancelled: 0 });

/** Room counts per status for many jobs in one query. */
async function countsOf(db: DbOrTx, jobIds: string[]): Promise<Map<string, RoomCounts>> {
	const groups = await db.bulkJobRoom.groupBy({
		by: ['jobId', 'status'],
		where: { jobId: { in: jobIds } },
		_count: { _all: true }
	});
	const counts = new Map(jobIds.map((id) => [id, emptyCounts()]));
	for (const group of groups) counts.get(group.jobId)![group.status] = group._count._all;
	return counts;
}

type JobRow = {
	id: string;
	status: BulkJobStatus;
	change: unknown;
	selection: string;
	createdAt: Date;
	finishedAt: Date | null;
	createdById: string;
};

function progressOf(job: JobRow, counts: RoomCounts, interrupted: Set<string>): JobProgress {
	const total = Object.values(counts).reduce((sum, n) => sum + n, 0);
	return {
		id: job.id,
		status: job.status,
		interrupted: interrupted.has(job.id),
		counts,
		total,
		done: total - counts.pending
	};
}

async function summaries(db: DbOrTx, jobs: JobRow[]): Promise<JobSummary[]> {
	const ids = jobs.map((job) => job.id);
	const changes = jobs.map((job) => policyChangeSchema.parse(job.change));
	const subjects = changes.flatMap((change) => ('userId' in change ? [change.userId] : []));
	const [counts, people, groups, interrupted] = await Promise.all([
		countsOf(db, ids),
		db.person.findMany({
			where: { id: { in: [...new Set([...jobs.map((job) => job.createdById), ...subjects])] } },
			select: { id: true, name: true, email: true }
		}),
		db.group.findMany({
			where: { id: { in: changes.flatMap((change) => ('groupId' in change ? [change.groupId] : [])) } },
			select: { id: true, name: true }
		}),
		interruptedJobs(db, ids)
	]);
	const names = new Map(people.map((person) => [person.id, person.name]));
	const personNames = new Map(people.map((person) => [person.id, `${person.name} (${person.email})`]));
	const groupNames = new Map(groups.map((group) => [group.id, group.name]));
	const subjectOf = (change: PolicyChange) =>
		('groupId' in change ? groupNames.get(change.groupId) : undefined) ??
		('userId' in change ? personNames.get(change.userId) : undefined) ??
		null;
	return jobs.map((job, index) => ({
		...progressOf(job, counts.get(job.id)!, interrupted),
		change: changes[index]!,
		subject: subjectOf(changes[index]!),
		selection: job.selection,
		createdAt: job.createdAt,
		finishedAt: job.finishedAt,
		createdBy: { id: job.createdById, name: names.get(job.createdById) ?? null }
	}));
}

/** Running jobs whose lease ran out, judged by the database's clock as leases are (lease.ts). */
async function interruptedJobs(db: DbOrTx, jobIds: string[]): Promise<Set<string>> {
	if (jobIds.length === 0) return new Set();
	const rows = await db.$queryRaw<{ id: string }[]>`
		SELECT id FROM "BulkJob"
		WHERE id IN (${Prisma.join(jobIds)}) AND status = 'running'
			AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < (now() AT TIME ZONE 'UTC'))`;
	return new Set(rows.map((row) => row.id));
}

export async function findBulkJob(db: DbOrTx, jobId: string): Promise<JobSummary | null> {
	const job = await db.bulkJob.findUnique({ where: { id: jobId } });
	return job ? (await summaries(db, [job]))[0]! : null;
}

/** What the progress bar polls: small and cheap. */
export async function bulkJobProgress(db: DbOrTx, jobId: string): Promise<JobProgress | null> {
	const job = await db.bulkJob.findUnique({ where: { id: jobId } });
	if (!job) return null;
	const [counts, interrupted] = await Promise.all([countsOf(db, [jobId]), interruptedJobs(db, [jobId])]);
	return progressOf(job, counts.get(jobId)!, interrupted);
}

export type RoomResult = {
	roomId: string;
	status: BulkJobRoomStatus;
	attempts: number;
	error: string | null;
	/** For a changed room: each list the job changed, from what it was to what it became. */
	changes: EntryChange[];
	finishedAt: Date | null;
};

/** The job's rooms, by id, optionally of one status; at most `limit`. */
export async function bulkJobResults(
	db: DbOrTx,
	jobId: string,
	{ status, limit = 500 }: { status?: BulkJobRoomStatus; limit?: number } = {}
): Promise<RoomResult[]> {
	const rows = await db.bulkJobRoom.findMany({
		where: { jobId, ...(status ? { status } : {}) },
		select: {
			roomId: true,
			status: true,
			attempts: true,
			error: true,
			before: true,
			update: true,
			finishedAt: true
		},
		orderBy: { roomId: 'asc' },
		take: limit
	});
	return rows.map(({ before, update, ...row }) => ({
		...row,
		changes:
			row.status === 'changed' && before && update
				? entryChanges(before as RoomAccesses, update as RoomAccessUpdate)
				: []
	}));
}

/** Jobs newest first, a page at a time. */
export async function listBulkJobs(
	db: DbOrTx,
	{ after, limit = 25 }: { after?: string | null; limit?: number } = {}
): Promise<{ jobs: JobSummary[]; next: string | null }> {
	const [createdAt, id] = decodeCursor(after, 2) ?? [];
	// A tampered cursor starts from the newest job, as keyset-cursor.ts promises.
	const since = createdAt ? decodeInstant(createdAt) : null;
	const rows = await db.bulkJob.findMany({
		where: since && id ? { OR: [{ createdAt: { lt: since } }, { createdAt: since, id: { lt: id } }] } : {},
		orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
		take: limit + 1
	});
	const page = rows.slice(0, limit);
	const last = page.at(-1);
	return {
		jobs: await summaries(db, page),
		next: rows.length > limit && last ? encodeCursor([last.createdAt.toISOString(), last.id]) : null
	};
}
