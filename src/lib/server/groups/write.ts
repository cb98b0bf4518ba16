import type { GroupDetails, NewGroup } from '$lib/schemas/group';
import { recordAudit } from '../audit';
import type { Group } from '../prisma/client';
import { isUniqueViolation, type Transaction } from '../transaction';
import { removeMembers } from './memberships';

/** Another group already has this id (also raised when two admins create it at once). */
export class GroupIdTaken extends Error {
	constructor(readonly id: string) {
		super(`The id ${id} is already used by another group`);
	}
}

export class GroupNotFound extends Error {
	constructor(readonly id: string) {
		super(`No group with id ${id}`);
	}
}

/** What the audit log keeps of a group. */
export function groupSnapshot(group: Group) {
	const { id, name, description } = group;
	return { id, name, description };
}

/** Creates a group and records it. Run inside a transaction so both are written or neither. */
export async function createGroup(tx: Transaction, actorId: string | null, input: NewGroup): Promise<Group> {
	try {
		const group = await tx.group.create({ data: input });
		await recordAudit(tx, {
			actorId,
			action: 'group.created',
			target: { type: 'group', id: group.id },
			after: groupSnapshot(group)
		});
		return group;
	} catch (error) {
		if (isUniqueViolation(error)) throw new GroupIdTaken(input.id);
		throw error;
	}
}

/** Renames or describes a group; its id never changes, since rooms reference it. */
export async function updateGroup(
	tx: Transaction,
	actorId: string | null,
	id: string,
	input: GroupDetails
): Promise<Group> {
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
}

/**
 * Deletes a group after removing its members through the membership door, so each person's audit
 * trail shows the group they lost. Run inside a transaction: the group row is locked first, so a
 * member added meanwhile waits and then fails instead of disappearing unaudited in the cascade.
 * Returns how many members the group had.
 */
export async function deleteGroup(tx: Transaction, actorId: string | null, id: string): Promise<number> {
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
