import type { PolicyChange } from '$lib/access';
import { auditActionLabel } from '$lib/audit-actions';
import { describeChanges, referencedIds } from '$lib/audit-changes';
import { policyChangeLabel } from '$lib/labels';
import type { AuditLogEntry, AuditSubject } from '$lib/audit-entry';
import type { DbOrTx } from '../transaction';
import type { AuditEventRow } from './list';

type Known = { name: string; exists: boolean };

type Wanted = Record<'person' | 'group' | 'room' | 'bulk-job', Set<string>>;

/** Looks up every subject in `wanted` with one query per kind; the answer names any subject. */
async function lookUp(db: DbOrTx, wanted: Wanted) {
	const [people, groups, rooms, jobs] = await Promise.all([
		peopleNamed(db, [...wanted.person]),
		groupsNamed(db, [...wanted.group]),
		roomsNamed(db, [...wanted.room]),
		jobsNamed(db, [...wanted['bulk-job']])
	]);
	const known: Record<string, Map<string, Known>> = {
		person: people,
		group: groups,
		room: rooms,
		'bulk-job': jobs
	};
	return (type: string, id: string): AuditSubject => {
		const found = known[type]?.get(id);
		return { type, id, name: found?.name ?? id, exists: found?.exists ?? false };
	};
}

function collector() {
	const wanted: Wanted = { person: new Set(), group: new Set(), room: new Set(), 'bulk-job': new Set() };
	const want = (type: string, id: string | null | undefined) => {
		if (id && Object.hasOwn(wanted, type)) wanted[type as keyof Wanted].add(id);
	};
	return { wanted, want };
}

/** A subject named as the log names it (the page's filter chips). */
export async function auditSubject(db: DbOrTx, { type, id }: { type: string; id: string }) {
	const { wanted, want } = collector();
	want(type, id);
	return (await lookUp(db, wanted))(type, id);
}

/**
 * The events of one page in words: every person, group, room and bulk job they name is looked
 * up once for the whole page (a query per kind), never once per event.
 */
export async function auditLogEntries(db: DbOrTx, events: AuditEventRow[]): Promise<AuditLogEntry[]> {
	const { wanted, want } = collector();
	for (const event of events) {
		want('person', event.actorId);
		want(event.targetType, event.targetId);
		if (event.relatedType) want(event.relatedType, event.relatedId);
		const { groups, people } = referencedIds(event);
		groups.forEach((id) => want('group', id));
		people.forEach((id) => want('person', id));
	}
	const subject = await lookUp(db, wanted);
	const names = {
		group: (id: string) => subject('group', id).name,
		person: (id: string) => subject('person', id).name
	};
	return events.map((event) => ({
		id: String(event.id),
		createdAt: event.createdAt,
		action: event.action,
		actionLabel: auditActionLabel(event.action),
		actor: event.actorId ? subject('person', event.actorId) : null,
		target: subject(event.targetType, event.targetId),
		related: event.relatedType && event.relatedId ? subject(event.relatedType, event.relatedId) : null,
		changes: describeChanges(event, names),
		before: event.before,
		after: event.after
	}));
}

/**
 * Names of deleted people and groups come from the event that deleted them, which keeps what
 * they were: the (targetType, targetId, …) index finds it.
 */
async function namesAtDeletion(db: DbOrTx, type: 'person' | 'group', ids: string[]) {
	if (ids.length === 0) return new Map<string, Known>();
	const rows = await db.$queryRaw<{ id: string; name: string | null }[]>`
		SELECT DISTINCT ON ("targetId") "targetId" AS id, "before" ->> 'name' AS name
		FROM "AuditEvent"
		WHERE "targetType" = ${type} AND "targetId" = ANY(${ids}) AND "action" = ${`${type}.deleted`}
		ORDER BY "targetId", "createdAt" DESC, "id" DESC`;
	return new Map(rows.flatMap((row) => (row.name ? [[row.id, { name: row.name, exists: false }]] : [])));
}

async function peopleNamed(db: DbOrTx, ids: string[]): Promise<Map<string, Known>> {
	if (ids.length === 0) return new Map();
	const people = await db.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
	const found = new Map(people.map((p): [string, Known] => [p.id, { name: p.name, exists: true }]));
	const deleted = await namesAtDeletion(
		db,
		'person',
		ids.filter((id) => !found.has(id))
	);
	return new Map([...deleted, ...found]);
}

async function groupsNamed(db: DbOrTx, ids: string[]): Promise<Map<string, Known>> {
	if (ids.length === 0) return new Map();
	const groups = await db.group.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
	const found = new Map(groups.map((g): [string, Known] => [g.id, { name: g.name, exists: true }]));
	const deleted = await namesAtDeletion(
		db,
		'group',
		ids.filter((id) => !found.has(id))
	);
	return new Map([...deleted, ...found]);
}

async function roomsNamed(db: DbOrTx, ids: string[]): Promise<Map<string, Known>> {
	if (ids.length === 0) return new Map();
	const rooms = await db.room.findMany({ where: { id: { in: ids } }, select: { id: true, metadata: true } });
	return new Map(
		rooms.map((room): [string, Known] => {
			const title = (room.metadata as Record<string, unknown>).title;
			return [room.id, { name: typeof title === 'string' && title ? title : room.id, exists: true }];
		})
	);
}

async function jobsNamed(db: DbOrTx, ids: string[]): Promise<Map<string, Known>> {
	if (ids.length === 0) return new Map();
	const jobs = await db.bulkJob.findMany({ where: { id: { in: ids } }, select: { id: true, change: true } });
	return new Map(
		jobs.map((job): [string, Known] => [
			job.id,
			{ name: policyChangeLabel(job.change as PolicyChange), exists: true }
		])
	);
}
