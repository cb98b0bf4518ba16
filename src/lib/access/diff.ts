// The smallest updateRoom payload that turns the loaded room's accesses into the edited ones.
import type { RoomAccesses } from './scopes';

/** updateRoom's access fields: a partial merge where null removes an entry and defaultAccesses is replaced whole. */
export type RoomAccessUpdate = {
	defaultAccesses?: string[];
	groupsAccesses?: Record<string, string[] | null>;
	usersAccesses?: Record<string, string[] | null>;
};

/**
 * Only what changed: defaultAccesses when it differs, and per group or user the new list of an entry
 * added or changed and null for one removed. Lists are compared regardless of order (Liveblocks
 * reads a list as a set), so reordering alone sends nothing. diff(x, x) is {}.
 */
export function diffRoomAccess(before: RoomAccesses, after: RoomAccesses): RoomAccessUpdate {
	const update: RoomAccessUpdate = {};
	if (!sameScopes(before.defaultAccesses, after.defaultAccesses))
		update.defaultAccesses = [...after.defaultAccesses];
	for (const field of ['groupsAccesses', 'usersAccesses'] as const) {
		const changes = entryChanges(before[field], after[field]);
		if (Object.keys(changes).length > 0) update[field] = changes;
	}
	return update;
}

function entryChanges(
	before: Record<string, string[]>,
	after: Record<string, string[]>
): Record<string, string[] | null> {
	const removed = Object.keys(before)
		.filter((id) => !Object.hasOwn(after, id))
		.map((id): [string, null] => [id, null]);
	const set = Object.entries(after)
		.filter(([id, scopes]) => !Object.hasOwn(before, id) || !sameScopes(before[id]!, scopes))
		.map(([id, scopes]): [string, string[]] => [id, [...scopes]]);
	// fromEntries defines own properties, so an id like "__proto__" stays an entry.
	return Object.fromEntries([...removed, ...set]);
}

/** An update that changes nothing: the lists already say the same. */
export function isEmptyUpdate(update: RoomAccessUpdate): boolean {
	return Object.keys(update).length === 0;
}

/** Equal as multisets: order does not matter, a repeated scope does (Liveblocks rejects it). */
export function sameScopes(a: readonly string[], b: readonly string[]): boolean {
	if (a.length !== b.length) return false;
	const sortedB = [...b].sort();
	return [...a].sort().every((scope, i) => scope === sortedB[i]);
}
