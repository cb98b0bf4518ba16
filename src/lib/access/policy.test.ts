import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validRoom, validScopes } from './arbitraries';
import { diffRoomAccess } from './diff';
import { applyPolicyChange, describePolicyChange, validatePolicyChange, type PolicyChange } from './policy';
import type { RoomAccesses } from './scopes';
import { validateRoomAccesses } from './validate';

const room: RoomAccesses = {
	defaultAccesses: ['*:read'],
	groupsAccesses: { design: ['*:write'], ops: ['*:read'] },
	usersAccesses: { ana: ['*:write', 'storage:read'] }
};

describe('applyPolicyChange', () => {
	it('sets a group entry: adds a missing one, replaces an existing one, keeps the rest', () => {
		expect(applyPolicyChange(room, { kind: 'set-group', groupId: 'sales', scopes: ['*:read'] })).toEqual({
			...room,
			groupsAccesses: { design: ['*:write'], ops: ['*:read'], sales: ['*:read'] }
		});
		expect(
			applyPolicyChange(room, { kind: 'set-group', groupId: 'ops', scopes: ['*:write', 'comments:read'] })
		).toEqual({ ...room, groupsAccesses: { design: ['*:write'], ops: ['*:write', 'comments:read'] } });
	});

	it('sets a person entry', () => {
		expect(
			applyPolicyChange(room, { kind: 'set-user', userId: 'ben', scopes: ['*:read'] }).usersAccesses
		).toEqual({ ana: ['*:write', 'storage:read'], ben: ['*:read'] });
	});

	it('removes an entry, and leaves a room without it as it was', () => {
		expect(applyPolicyChange(room, { kind: 'remove-group', groupId: 'design' })).toEqual({
			...room,
			groupsAccesses: { ops: ['*:read'] }
		});
		expect(applyPolicyChange(room, { kind: 'remove-user', userId: 'ana' }).usersAccesses).toEqual({});
		expect(applyPolicyChange(room, { kind: 'remove-user', userId: 'nobody' })).toEqual(room);
	});

	it('replaces the default whole, empty meaning no access', () => {
		expect(applyPolicyChange(room, { kind: 'set-default', scopes: [] }).defaultAccesses).toEqual([]);
		expect(
			applyPolicyChange(room, { kind: 'set-default', scopes: ['*:write', 'feeds:none'] }).defaultAccesses
		).toEqual(['*:write', 'feeds:none']);
	});

	it('keeps "__proto__" an ordinary entry id', () => {
		const after = applyPolicyChange(room, { kind: 'set-group', groupId: '__proto__', scopes: ['*:read'] });
		expect(Object.hasOwn(after.groupsAccesses, '__proto__')).toBe(true);
		expect(diffRoomAccess(room, after).groupsAccesses).toEqual(
			Object.fromEntries([['__proto__', ['*:read']]])
		);
	});

	it('never changes the room it is given', () => {
		const copy = structuredClone(room);
		applyPolicyChange(room, { kind: 'set-group', groupId: 'design', scopes: ['*:read'] });
		applyPolicyChange(room, { kind: 'remove-user', userId: 'ana' });
		expect(room).toEqual(copy);
	});

	it('diffs empty for a room that already has the change, in any scope order', () => {
		const change: PolicyChange = { kind: 'set-user', userId: 'ana', scopes: ['storage:read', '*:write'] };
		expect(diffRoomAccess(room, applyPolicyChange(room, change))).toEqual({});
	});

	it('keeps a list that already means the same, legacy aliases included', () => {
		const legacy: RoomAccesses = {
			defaultAccesses: ['room:write'],
			groupsAccesses: { ops: ['room:read', 'comments:write'] },
			usersAccesses: {}
		};
		expect(applyPolicyChange(legacy, { kind: 'set-default', scopes: ['*:write'] })).toEqual(legacy);
		expect(
			applyPolicyChange(legacy, { kind: 'set-group', groupId: 'ops', scopes: ['comments:write', '*:read'] })
		).toEqual(legacy);
		// A list Liveblocks would reject is replaced, even if it reads the same.
		const repeated = { ...legacy, defaultAccesses: ['*:write', '*:write'] };
		expect(applyPolicyChange(repeated, { kind: 'set-default', scopes: ['*:write'] }).defaultAccesses).toEqual(
			['*:write']
		);
	});

	it('makes a 101st group entry a problem of that room', () => {
		const full: RoomAccesses = {
			...room,
			groupsAccesses: Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`g${i}`, ['*:read']]))
		};
		const after = applyPolicyChange(full, { kind: 'set-group', groupId: 'one-more', scopes: ['*:read'] });
		expect(validateRoomAccesses(after)).toEqual([
			{
				field: 'groupsAccesses',
				rule: 'too-many-entries',
				message: 'At most 100 group entries, got 101.'
			}
		]);
		// Replacing one of the hundred is fine.
		expect(
			validateRoomAccesses(applyPolicyChange(full, { kind: 'set-group', groupId: 'g5', scopes: ['*:write'] }))
		).toEqual([]);
	});
});

describe('validatePolicyChange', () => {
	it('accepts valid lists, and an empty default', () => {
		expect(validatePolicyChange({ kind: 'set-group', groupId: 'ops', scopes: ['*:read'] })).toEqual([]);
		expect(validatePolicyChange({ kind: 'set-default', scopes: [] })).toEqual([]);
		expect(validatePolicyChange({ kind: 'remove-user', userId: 'ana' })).toEqual([]);
	});

	it('refuses an entry without a room level, two base scopes, and ids out of bounds', () => {
		expect(validatePolicyChange({ kind: 'set-user', userId: 'ana', scopes: [] })).toMatchObject([
			{ rule: 'one-base-scope' }
		]);
		expect(validatePolicyChange({ kind: 'set-default', scopes: ['*:read', '*:write'] })).toMatchObject([
			{ rule: 'one-base-scope' }
		]);
		expect(validatePolicyChange({ kind: 'remove-group', groupId: '' })).toMatchObject([
			{ rule: 'id-length' }
		]);
		expect(
			validatePolicyChange({ kind: 'set-group', groupId: 'x'.repeat(129), scopes: ['*:read'] })
		).toMatchObject([{ rule: 'id-length' }]);
	});
});

describe('describePolicyChange', () => {
	it('names the change', () => {
		expect(describePolicyChange({ kind: 'set-group', groupId: 'ops', scopes: ['*:read'] })).toBe(
			'Set group ops to *:read'
		);
		expect(describePolicyChange({ kind: 'set-default', scopes: [] })).toBe('Set the default to no access');
		expect(describePolicyChange({ kind: 'remove-user', userId: 'ana' })).toBe('Remove person ana');
		expect(describePolicyChange({ kind: 'remove-user', userId: 'c123' }, 'Ana (ana@example.com)')).toBe(
			'Remove person Ana (ana@example.com)'
		);
	});
});

const entryId = fc.constantFrom('ana', 'ben', 'design', 'ops', '__proto__', 'constructor', 'new');
const validChange: fc.Arbitrary<PolicyChange> = fc.oneof(
	fc.record({ kind: fc.constant('set-group' as const), groupId: entryId, scopes: validScopes }),
	fc.record({ kind: fc.constant('set-user' as const), userId: entryId, scopes: validScopes }),
	fc.record({ kind: fc.constant('remove-group' as const), groupId: entryId }),
	fc.record({ kind: fc.constant('remove-user' as const), userId: entryId }),
	fc.record({
		kind: fc.constant('set-default' as const),
		scopes: fc.oneof(fc.constant<string[]>([]), validScopes)
	})
);

/** Everything but the entry or list the change is about. */
function untouched(accesses: RoomAccesses, change: PolicyChange) {
	const { defaultAccesses, groupsAccesses, usersAccesses } = accesses;
	const without = (entries: Record<string, string[]>, id: string) =>
		Object.entries(entries).filter(([key]) => key !== id);
	return {
		defaultAccesses: change.kind === 'set-default' ? null : defaultAccesses,
		groupsAccesses: without(groupsAccesses, 'groupId' in change ? change.groupId : ''),
		usersAccesses: without(usersAccesses, 'userId' in change ? change.userId : '')
	};
}

describe('applyPolicyChange properties', () => {
	it('is idempotent: a second run over a changed room diffs empty (so a resumed job sends nothing twice)', () => {
		fc.assert(
			fc.property(validRoom, validChange, (before, change) => {
				const once = applyPolicyChange(before, change);
				expect(diffRoomAccess(once, applyPolicyChange(once, change))).toEqual({});
			})
		);
	});

	it('touches only what the change names, and keeps a valid room valid', () => {
		fc.assert(
			fc.property(validRoom, validChange, (before, change) => {
				const after = applyPolicyChange(before, change);
				expect(untouched(after, change)).toEqual(untouched(before, change));
				// The arbitrary's rooms stay far below 100 entries, so no limit is reached.
				expect(validateRoomAccesses(after)).toEqual([]);
			})
		);
	});

	it('sends, as its diff, at most the one entry or the default', () => {
		fc.assert(
			fc.property(validRoom, validChange, (before, change) => {
				const update = diffRoomAccess(before, applyPolicyChange(before, change));
				const touched = [
					...Object.keys(update.groupsAccesses ?? {}),
					...Object.keys(update.usersAccesses ?? {}),
					...('defaultAccesses' in update ? ['default'] : [])
				];
				expect(touched.length).toBeLessThanOrEqual(1);
			})
		);
	});
});
