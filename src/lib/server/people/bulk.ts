import type { PeopleFilter } from '$lib/people-query';
import { recordAudits } from '../audit';
import { GroupNotFound } from '../domain-errors';
import { addMembers, removeMembers } from '../groups/memberships';
import type { Database } from '../prisma-client';
import { withTransaction, type DbOrTx, type Tx } from '../transaction';
import { peopleFilterSql } from './filter';
import { personSnapshot } from './write';

/** Whom a bulk action changes: the people picked on a page, or everyone a filter selects now. */
export type BulkTarget = { ids: readonly string[] } | { filter: PeopleFilter };

export type BulkResult = {
	/** People the action was aimed at (that still exist). */
	targeted: number;
	/** People it changed: the others were already as asked. */
	changed: number;
};

export type GroupResult = BulkResult & { group: { id: string; name: string } };

/**
 * Bounds each statement's parameters (PostgreSQL takes at most 65,535), while the whole action
 * stays one transaction: all of it or none of it.
 */
const chunkSize = 2000;
/** Thousands of people with an audit event each take seconds, not Prisma's default 5. */
const transactionOptions = { timeout: 120_000, maxWait: 10_000 };

/**
 * Adds everyone targeted to the group, auditing each new membership. Throws GroupNotFound, also
 * when the group is deleted meanwhile, and PersonNotFound when someone targeted is.
 */
export function bulkAddToGroup(db: Database, actorId: string, groupId: string, target: BulkTarget) {
	return changeMembership(db, actorId, groupId, target, addMembers);
}

/** Removes everyone targeted from the group, auditing each membership that ends. */
export function bulkRemoveFromGroup(db: Database, actorId: string, groupId: string, target: BulkTarget) {
	return changeMembership(db, actorId, groupId, target, removeMembers);
}

async function changeMembership(
	db: Database,
	actorId: string,
	groupId: string,
	target: BulkTarget,
	change: typeof addMembers
): Promise<GroupResult> {
	return withTransaction(
		db,
		async (tx) => {
			const group = await requireGroup(tx, groupId);
			const ids = await resolveTarget(tx, target);
			let changed = 0;
			for (const chunk of chunks(ids)) changed += (await change(tx, actorId, groupId, chunk)).length;
			return { targeted: ids.length, changed, group };
		},
		transactionOptions
	);
}

/**
 * Deactivates everyone targeted who is active, each with a `person.deactivated` audit event
 * holding before and after, as the person page's deactivation records it. The actor is skipped,
 * not refused: a broad filter often includes the admin applying it (see lockout.ts).
 */
export async function bulkDeactivate(
	db: Database,
	actorId: string,
	target: BulkTarget
): Promise<BulkResult & { skippedSelf: boolean }> {
	return withTransaction(
		db,
		async (tx) => {
			const all = await resolveTarget(tx, target);
			const ids = all.filter((id) => id !== actorId);
			let changed = 0;
			for (const chunk of chunks(ids)) {
				// Only rows that were active change, and the update locks them: "before" is exact.
				const deactivated = await tx.person.updateManyAndReturn({
					where: { id: { in: chunk }, status: 'active' },
					data: { status: 'deactivated' }
				});
				await recordAudits(
					tx,
					deactivated.map((after) => ({
						actorId,
						action: 'person.deactivated',
						target: { type: 'person', id: after.id },
						before: personSnapshot({ ...after, status: 'active' }),
						after: personSnapshot(after)
					}))
				);
				changed += deactivated.length;
			}
			return { targeted: ids.length, changed, skippedSelf: ids.length < all.length };
		},
		transactionOptions
	);
}

/** How many people bulkDeactivate would change now: the active ones targeted, the actor aside. */
export async function countToDeactivate(db: DbOrTx, actorId: string, target: BulkTarget): Promise<number> {
	if ('ids' in target) {
		return db.person.count({ where: { id: { in: [...target.ids], not: actorId }, status: 'active' } });
	}
	const [row] = await db.$queryRaw<{ count: number }[]>`
		SELECT count(*)::int AS count FROM "Person"
		WHERE ${peopleFilterSql(target.filter)} AND "status" = 'active' AND "id" <> ${actorId}`;
	return row?.count ?? 0;
}

/**
 * The group, and how many of the people targeted are its members now: what bulkRemoveFromGroup
 * would remove. Throws GroupNotFound.
 */
export async function countToRemove(db: DbOrTx, groupId: string, target: BulkTarget) {
	const group = await requireGroup(db, groupId);
	if ('ids' in target) {
		return {
			group,
			count: await db.groupMembership.count({ where: { groupId, personId: { in: [...target.ids] } } })
		};
	}
	const [row] = await db.$queryRaw<{ count: number }[]>`
		SELECT count(*)::int AS count FROM "Person"
		WHERE ${peopleFilterSql(target.filter)} AND EXISTS (
			SELECT 1 FROM "GroupMembership" m WHERE m."personId" = "Person"."id" AND m."groupId" = ${groupId}
		)`;
	return { group, count: row?.count ?? 0 };
}

async function requireGroup(tx: DbOrTx, groupId: string) {
	const group = await tx.group.findUnique({ where: { id: groupId }, select: { id: true, name: true } });
	if (!group) throw new GroupNotFound(groupId);
	return group;
}

/**
 * The ids of the people targeted, as they are now: a filter is resolved inside the action's
 * transaction, and picked ids that no longer exist are dropped. Sorted, so two bulk actions at
 * once lock their rows in the same order instead of deadlocking.
 */
async function resolveTarget(tx: Tx, target: BulkTarget): Promise<string[]> {
	if ('filter' in target) {
		const rows = await tx.$queryRaw<{ id: string }[]>`
			SELECT "id" FROM "Person" WHERE ${peopleFilterSql(target.filter)} ORDER BY "id"`;
		return rows.map((row) => row.id);
	}
	const found: string[] = [];
	for (const chunk of chunks([...new Set(target.ids)])) {
		const rows = await tx.person.findMany({ where: { id: { in: chunk } }, select: { id: true } });
		found.push(...rows.map((row) => row.id));
	}
	return found.sort();
}

function chunks<T>(items: readonly T[]): T[][] {
	const result: T[][] = [];
	for (let start = 0; start < items.length; start += chunkSize)
		result.push(items.slice(start, start + chunkSize));
	return result;
}
