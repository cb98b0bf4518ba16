// The Liveblocks rules for a room's accesses, as data the editor can show next to each entry.
import { parseScope, type RoomAccesses } from './scopes';

/** Liveblocks' documented limits. */
export const maxEntries = 100;
export const maxIdLength = 128;

export type AccessRule =
	'unknown-scope' | 'one-base-scope' | 'one-scope-per-resource' | 'too-many-entries' | 'id-length';
export type ScopeProblem = { rule: AccessRule; message: string };
/** Which list (and which entry of it, by group or user id) breaks which rule. */
export type AccessProblem = ScopeProblem & {
	field: 'defaultAccesses' | 'groupsAccesses' | 'usersAccesses';
	id?: string;
};

/**
 * What is wrong with one scope list (empty when nothing is). The empty list means no access and is
 * allowed only where `allowEmpty` says so: as a group or user entry it would grant and override
 * nothing (@liveblocks/core's validatePermissionsSet rejects it), so such an entry should be removed.
 */
export function validateScopes(
	scopes: readonly string[],
	{ allowEmpty }: { allowEmpty: boolean }
): ScopeProblem[] {
	if (scopes.length === 0) {
		return allowEmpty
			? []
			: [
					{
						rule: 'one-base-scope',
						message: 'An empty list grants nothing: give it a room level or remove the entry.'
					}
				];
	}
	const problems: ScopeProblem[] = [];
	const unknown = scopes.filter((scope) => !parseScope(scope));
	if (unknown.length > 0) {
		problems.push({
			rule: 'unknown-scope',
			message: `Unknown scope${unknown.length > 1 ? 's' : ''}: ${unknown.join(', ')}.`
		});
	}
	const bases = scopes.filter((scope) => parseScope(scope)?.resource === 'room');
	if (bases.length !== 1) {
		problems.push({
			rule: 'one-base-scope',
			message:
				bases.length === 0
					? 'Needs a room level (*:read or *:write).'
					: `Needs exactly one room level, got ${bases.join(', ')}.`
		});
	}
	const seen = new Map<string, string[]>();
	for (const scope of scopes) {
		const parsed = parseScope(scope);
		if (parsed && parsed.resource !== 'room' && parsed.resource !== 'presence') {
			seen.set(parsed.resource, [...(seen.get(parsed.resource) ?? []), scope]);
		}
	}
	for (const [resource, clashing] of seen) {
		if (clashing.length > 1) {
			problems.push({
				rule: 'one-scope-per-resource',
				message: `At most one scope for ${resource}, got ${clashing.join(', ')}.`
			});
		}
	}
	return problems;
}

/** Every rule a room's accesses break; empty when Liveblocks will accept them. */
export function validateRoomAccesses(room: RoomAccesses): AccessProblem[] {
	const problems: AccessProblem[] = validateScopes(room.defaultAccesses, { allowEmpty: true }).map(
		(problem) => ({
			...problem,
			field: 'defaultAccesses'
		})
	);
	for (const [field, noun] of [
		['groupsAccesses', 'group'],
		['usersAccesses', 'user']
	] as const) {
		const entries = Object.entries(room[field]);
		if (entries.length > maxEntries) {
			problems.push({
				field,
				rule: 'too-many-entries',
				message: `At most ${maxEntries} ${noun} entries, got ${entries.length}.`
			});
		}
		for (const [id, scopes] of entries) {
			// Liveblocks documents 128 for user ids; group ids are assumed to share the limit.
			if (id.length === 0 || id.length > maxIdLength) {
				problems.push({
					field,
					id,
					rule: 'id-length',
					message: `A ${noun} id has 1 to ${maxIdLength} characters, this one ${id.length}.`
				});
			}
			for (const problem of validateScopes(scopes, { allowEmpty: false }))
				problems.push({ ...problem, field, id });
		}
	}
	return problems;
}
