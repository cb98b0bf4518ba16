// One access change applied to many rooms (bulk policy): what it is, and what it does to one room.
import { maxIdLength, validateScopes, type ScopeProblem } from './validate';
import { sameRow } from './matrix';
import { scopesToRow, type RoomAccesses } from './scopes';

/** A change to every chosen room: an entry set or removed, or the default replaced. */
export type PolicyChange =
	| { kind: 'set-group'; groupId: string; scopes: string[] }
	| { kind: 'set-user'; userId: string; scopes: string[] }
	| { kind: 'remove-group'; groupId: string }
	| { kind: 'remove-user'; userId: string }
	| { kind: 'set-default'; scopes: string[] };

export const policyChangeKinds = [
	'set-group',
	'set-user',
	'remove-group',
	'remove-user',
	'set-default'
] as const satisfies readonly PolicyChange['kind'][];

/**
 * The room after the change. Setting an entry replaces its list (adding it when missing), removing
 * one that is absent leaves the room as it was; the other entries keep their order and lists. A
 * list that already means the same (say legacy `room:write` for `*:write`) is kept, so rooms that
 * already grant what is asked are left alone.
 */
export function applyPolicyChange(room: RoomAccesses, change: PolicyChange): RoomAccesses {
	switch (change.kind) {
		case 'set-default':
			return sameAccess(room.defaultAccesses, change.scopes)
				? room
				: { ...room, defaultAccesses: [...change.scopes] };
		case 'set-group':
			return { ...room, groupsAccesses: withEntry(room.groupsAccesses, change.groupId, change.scopes) };
		case 'set-user':
			return { ...room, usersAccesses: withEntry(room.usersAccesses, change.userId, change.scopes) };
		case 'remove-group':
			return { ...room, groupsAccesses: withoutEntry(room.groupsAccesses, change.groupId) };
		case 'remove-user':
			return { ...room, usersAccesses: withoutEntry(room.usersAccesses, change.userId) };
	}
}

// Entries are rebuilt with fromEntries so ids like "__proto__" stay own entries.
function withEntry(entries: Record<string, string[]>, id: string, scopes: string[]) {
	if (Object.hasOwn(entries, id) && sameAccess(entries[id]!, scopes)) return entries;
	return Object.fromEntries([...Object.entries(entries).filter(([key]) => key !== id), [id, [...scopes]]]);
}

function withoutEntry(entries: Record<string, string[]>, id: string) {
	return Object.fromEntries(Object.entries(entries).filter(([key]) => key !== id));
}

/** Two lists Liveblocks accepts that grant the same levels (aliases and order aside). */
function sameAccess(a: readonly string[], b: readonly string[]): boolean {
	const valid = (list: readonly string[]) => validateScopes(list, { allowEmpty: true }).length === 0;
	if (!valid(a) || !valid(b)) return false;
	return sameRow(scopesToRow(a), scopesToRow(b));
}

/**
 * What is wrong with the change itself, before any room is looked at: an id out of Liveblocks'
 * bounds, or a list it rejects (an entry must have a room level; the default may be empty).
 */
export function validatePolicyChange(change: PolicyChange): ScopeProblem[] {
	const problems: ScopeProblem[] = [];
	const id = 'groupId' in change ? change.groupId : 'userId' in change ? change.userId : undefined;
	if (id !== undefined && (id.length === 0 || id.length > maxIdLength)) {
		problems.push({
			rule: 'id-length',
			message: `An id has 1 to ${maxIdLength} characters, this one ${id.length}.`
		});
	}
	if ('scopes' in change) {
		problems.push(...validateScopes(change.scopes, { allowEmpty: change.kind === 'set-default' }));
	}
	return problems;
}

/** The change in a sentence, for lists, previews and the audit log; `subject` names the group or person instead of their id. */
export function describePolicyChange(change: PolicyChange, subject?: string): string {
	const list = (scopes: string[]) => (scopes.length === 0 ? 'no access' : scopes.join(' '));
	switch (change.kind) {
		case 'set-default':
			return `Set the default to ${list(change.scopes)}`;
		case 'set-group':
			return `Set group ${subject ?? change.groupId} to ${list(change.scopes)}`;
		case 'set-user':
			return `Set person ${subject ?? change.userId} to ${list(change.scopes)}`;
		case 'remove-group':
			return `Remove group ${subject ?? change.groupId}`;
		case 'remove-user':
			return `Remove person ${subject ?? change.userId}`;
	}
}
