import { recordAudits } from '../audit';
import type { Database } from '../prisma-client';
import { withTransaction, type Tx } from '../transaction';

/**
 * Adds people to a group from its page. Throws GroupNotFound or PersonNotFound when the group, or
 * someone chosen, was deleted meanwhile, and MembershipChanged when another admin added the same
 * person at the same moment: nobody is added then.
 */
export function addMembersToGroup(
	db: Database,
	actorId: string,
	groupId: string,
	personIds: readonly string[]
): Promise<string[]> {
	return withTransaction(db, (tx) => addMembers(tx, actorId, groupId, personIds));
}

/** Removes people from a group from its page; those no longer in it are left out. */
export function removeMembersFromGroup(
	db: Database,
	actorId: string,
	groupId: string,
	personIds: readonly string[]
): Promise<string[]> {
	return withTransaction(db, (tx) => removeMembers(tx, actorId, groupId, personIds));
}

/**
 * The one door for membership changes (group pages, bulk actions, CSV import): each change is
 * audited per person, since a person's groups are exactly what their ID token carries.
 * Returns the ids whose membership actually changed.
 */
export async function addMembers(
	tx: Tx,
	actorId: string | null,
	groupId: string,
	personIds: readonly string[]
): Promise<string[]> {
	const already = new Set(await membersAmong(tx, groupId, personIds));
	const added = [...new Set(personIds)].filter((id) => !already.has(id));
	await tx.groupMembership.createMany({ data: added.map((personId) => ({ groupId, personId })) });
	await recordMembershipChanges(tx, actorId, 'membership.added', groupId, added);
	return added;
}

export async function removeMembers(
	tx: Tx,
	actorId: string | null,
	groupId: string,
	personIds: readonly string[]
): Promise<string[]> {
	const removed = await membersAmong(tx, groupId, personIds);
	await tx.groupMembership.deleteMany({ where: { groupId, personId: { in: removed } } });
	await recordMembershipChanges(tx, actorId, 'membership.removed', groupId, removed);
	return removed;
}

async function membersAmong(tx: Tx, groupId: string, personIds: readonly string[]) {
	const memberships = await tx.groupMembership.findMany({
		where: { groupId, personId: { in: [...personIds] } },
		select: { personId: true }
	});
	return memberships.map((m) => m.personId);
}

async function recordMembershipChanges(
	tx: Tx,
	actorId: string | null,
	action: 'membership.added' | 'membership.removed',
	groupId: string,
	personIds: string[]
) {
	await recordAudits(
		tx,
		personIds.map((personId) => ({
			actorId,
			action,
			target: { type: 'person', id: personId },
			related: { type: 'group', id: groupId },
			...(action === 'membership.added' ? { after: { groupId } } : { before: { groupId } })
		}))
	);
}
