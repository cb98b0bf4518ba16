import type { GroupDetails, NewGroup } from '$lib/schemas/group';
import { recordAudit } from '../audit';
import { GroupNotFound } from '../domain-errors';
import type { Group } from '../prisma/client';
import type { Database } from '../prisma-client';
import { queueEntryRemoval } from '../rooms/referencing';
import { withTransaction, type Tx } from '../transaction';
import { removeMembers } from './memberships';

/** What the audit log keeps of a group. */
export function groupSnapshot(group: Group) {
	const { id, name, description } = group;
	return { id, name, description };
}

/** Creates a group and records it. Throws GroupIdTaken when the id is taken, even by a racing creation. */
export function createGroup(db: Database, actorId: string | null, input: NewGroup): Promise<Group> {
	return withTransaction(db, async (tx) => {
		const group = await tx.group.create({ data: input });
		await recordAudit(tx, {
			actorId,
			action: 'group.created',
			target: { type: 'group', id: group.id },
			after: groupSnapshot(group)
		});
		return group;
	});
}

/** Renames or describes a group; its id never changes, since rooms reference it. */
export function updateGroup(
	db: Database,
	actorId: string | null,
	id: string,
	input: GroupDetails
): Promise<Group> {
	return withTransaction(db, async (tx) => {
		const before = await tx.group.findUnique({ where: { id } });
		if (!before) throw new GroupNotFound(id);
		const after = await tx.group.update({
			where: { id },
			data: { name: input.name, description: input.description }
		});
		await recordAudit(tx, {
			actorId,
			action: 'group.updated',
			target: { type: 'group', id },
			before: groupSnapshot(before),
			after: groupSnapshot(after)
		});
		return after;
	});
}

/**
 * Deletes a group and, when asked, queues the bulk job that removes its entries from every room
 * naming it: both commit together. Returns how many members it had and the job's id, if any.
 */
export function deleteGroup(
	db: Database,
	actorId: string,
	id: string,
	{ removeEntries }: { removeEntries: boolean }
): Promise<{ memberCount: number; jobId: string | null }> {
	return withTransaction(db, async (tx) => {
		const memberCount = await deleteGroupWithMembers(tx, actorId, id);
		const jobId = removeEntries ? await queueEntryRemoval(tx, actorId, { kind: 'group', id }) : null;
		return { memberCount, jobId };
	});
}

/**
 * Deletes a group after removing its members through the membership door, so each person's audit
 * trail shows the group they lost. The group row is locked first, so a member added meanwhile
 * waits and then fails (GroupNotFound) instead of disappearing unaudited in the cascade.
 * Returns how many members the group had.
 */
export async function deleteGroupWithMembers(tx: Tx, actorId: string | null, id: string): Promise<number> {
	const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Group" WHERE id = ${id} FOR UPDATE`;
	const before = locked.length > 0 ? await tx.group.findUnique({ where: { id } }) : null;
	if (!before) throw new GroupNotFound(id);
	const members = await tx.groupMembership.findMany({ where: { groupId: id }, select: { personId: true } });
	const personIds = members.map((m) => m.personId);
	// Chunks keep each statement under PostgreSQL's limit of bind parameters in big groups.
	for (let start = 0; start < personIds.length; start += 5000) {
		await removeMembers(tx, actorId, id, personIds.slice(start, start + 5000));
	}
	await tx.group.delete({ where: { id } });
	await recordAudit(tx, {
		actorId,
		action: 'group.deleted',
		target: { type: 'group', id },
		before: { ...groupSnapshot(before), memberCount: members.length }
	});
	return members.length;
}
