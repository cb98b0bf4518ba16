// Who the group and user ids of a room's accesses are, for the access editor: names to show, and
// each person's groups and status so "why" can resolve their access as Liveblocks will.
import type { RoomAccesses } from '$lib/access';
import { sortIds } from '$lib/identity';
import type { GroupChoice, PersonChoice } from '$lib/rooms/principals';
import { listGroups } from '../groups/list';
import { searchPeople } from '../people/find';
import type { DbOrTx } from '../transaction';

/** People as the access editor's rows and "why" need them; ids nobody has are left out. */
export async function peopleByIds(db: DbOrTx, ids: readonly string[]): Promise<PersonChoice[]> {
	const people = await db.person.findMany({
		where: { id: { in: [...ids] } },
		select: {
			id: true,
			name: true,
			email: true,
			status: true,
			memberships: { select: { groupId: true } }
		}
	});
	// Sorted as the ID-token endpoint sends them: on a tie between groups, the first one decides.
	return people.map(({ memberships, ...person }) => ({
		...person,
		groupIds: sortIds(memberships.map((m) => m.groupId))
	}));
}

async function groupsByIds(db: DbOrTx, ids: readonly string[]): Promise<GroupChoice[]> {
	const groups = await db.group.findMany({
		where: { id: { in: [...ids] } },
		select: { id: true, name: true, _count: { select: { memberships: true } } }
	});
	return groups.map(({ _count, ...group }) => ({ ...group, memberCount: _count.memberships }));
}

/** The directory's record of every group and person the room names; ids it does not know are left out. */
export async function describePrincipals(db: DbOrTx, accesses: RoomAccesses) {
	const [groups, people] = await Promise.all([
		groupsByIds(db, Object.keys(accesses.groupsAccesses)),
		peopleByIds(db, Object.keys(accesses.usersAccesses))
	]);
	return { groups, people };
}

/** Groups and people whose name (or id, email) contains `query`, a few of each. */
export async function searchPrincipals(db: DbOrTx, query: string, limit = 10) {
	const [groupPage, matches] = await Promise.all([
		listGroups(db, { search: query, limit }),
		searchPeople(db, query, limit)
	]);
	const people = await peopleByIds(
		db,
		matches.map((match) => match.id)
	);
	const order = new Map(matches.map((match, index) => [match.id, index]));
	return {
		groups: groupPage.groups.map(({ id, name, memberCount }) => ({ id, name, memberCount })),
		people: people.sort((a, b) => order.get(a.id)! - order.get(b.id)!)
	};
}
