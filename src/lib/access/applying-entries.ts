// The entries of a room that Liveblocks merges for one person: the default, each of their groups
// the room names, and their own entry. What the inspector lists, in words or as scopes.
import type { Principal } from './matrix';
import type { RoomAccesses } from './scopes';

export type ApplyingEntry = { principal: Principal; scopes: string[] };

export function applyingEntries(
	room: RoomAccesses,
	person: { userId: string; groupIds: readonly string[] }
): ApplyingEntry[] {
	const groups = person.groupIds.filter((id) => Object.hasOwn(room.groupsAccesses, id));
	return [
		{ principal: { kind: 'default' }, scopes: room.defaultAccesses },
		...groups.map((id) => ({ principal: { kind: 'group', id } as const, scopes: room.groupsAccesses[id]! })),
		...(Object.hasOwn(room.usersAccesses, person.userId)
			? [
					{
						principal: { kind: 'user', id: person.userId } as const,
						scopes: room.usersAccesses[person.userId]!
					}
				]
			: [])
	];
}
