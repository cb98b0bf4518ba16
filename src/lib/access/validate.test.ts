import { validatePermissionsSet } from '@liveblocks/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { knownScopes } from './scopes';
import { validateRoomAccesses, validateScopes } from './validate';
import type { RoomAccesses } from './scopes';

const rules = (scopes: string[], allowEmpty = false) =>
	validateScopes(scopes, { allowEmpty }).map((p) => p.rule);
const room = (overrides: Partial<RoomAccesses> = {}): RoomAccesses => ({
	defaultAccesses: [],
	groupsAccesses: {},
	usersAccesses: {},
	...overrides
});
const entries = (count: number, idOf = (i: number) => `id-${i}`) =>
	Object.fromEntries(Array.from({ length: count }, (_, i) => [idOf(i), ['*:read']]));

describe('validateScopes', () => {
	it('accepts one base scope with at most one override per resource and the legacy presence scope', () => {
		expect(rules(['*:write'])).toEqual([]);
		expect(rules(['room:read', 'room:presence:write'])).toEqual([]);
		expect(
			rules([
				'storage:none',
				'*:read',
				'comments:write',
				'comments:public:read',
				'comments:private:none',
				'feeds:write'
			])
		).toEqual([]);
	});

	it('accepts the empty list (no access) only where allowed', () => {
		expect(rules([], true)).toEqual([]);
		const [problem] = validateScopes([], { allowEmpty: false });
		expect(problem).toEqual({ rule: 'one-base-scope', message: expect.stringMatching(/remove the entry/) });
	});

	it('needs exactly one base scope', () => {
		expect(rules(['storage:write'])).toEqual(['one-base-scope']);
		expect(rules(['room:presence:write'])).toEqual(['one-base-scope']);
		expect(rules(['*:read', '*:write'])).toEqual(['one-base-scope']);
		expect(rules(['*:read', 'room:read'])).toEqual(['one-base-scope']);
		expect(validateScopes(['*:read', '*:read'], { allowEmpty: false })[0]!.message).toBe(
			'Needs exactly one room level, got *:read, *:read.'
		);
	});

	it('allows at most one scope per resource', () => {
		expect(rules(['*:read', 'storage:read', 'storage:write'])).toEqual(['one-scope-per-resource']);
		expect(rules(['*:read', 'feeds:none', 'feeds:none'])).toEqual(['one-scope-per-resource']);
		// comments and a comment visibility are different resources
		expect(rules(['*:read', 'comments:read', 'comments:public:write'])).toEqual([]);
		const problems = validateScopes(
			['*:read', 'storage:read', 'storage:write', 'feeds:read', 'feeds:write'],
			{
				allowEmpty: false
			}
		);
		expect(problems.map((p) => p.message)).toEqual([
			'At most one scope for storage, got storage:read, storage:write.',
			'At most one scope for feeds, got feeds:read, feeds:write.'
		]);
	});

	it('agrees with @liveblocks/core validatePermissionsSet on any non-empty list', () => {
		const scope = fc.constantFrom(...knownScopes, '*:none', 'storage:admin', 'presence');
		fc.assert(
			fc.property(fc.array(scope, { minLength: 1, maxLength: 6 }), (scopes) => {
				expect(validateScopes(scopes, { allowEmpty: false }).length === 0).toBe(
					validatePermissionsSet(scopes) === true
				);
			}),
			{ numRuns: 2000 }
		);
	});

	it('names unknown scopes', () => {
		expect(validateScopes(['*:read', 'storage:admin', 'root'], { allowEmpty: false })).toEqual([
			{ rule: 'unknown-scope', message: 'Unknown scopes: storage:admin, root.' }
		]);
		expect(rules(['*:none'])).toEqual(['unknown-scope', 'one-base-scope']);
	});
});

describe('validateRoomAccesses', () => {
	it('accepts a typical room', () => {
		expect(
			validateRoomAccesses(
				room({
					defaultAccesses: ['*:read', 'comments:write'],
					groupsAccesses: { design: ['*:write'] },
					usersAccesses: { ana: ['*:read', 'storage:none'] }
				})
			)
		).toEqual([]);
	});

	it('names the list and the entry that breaks a rule', () => {
		expect(
			validateRoomAccesses(
				room({
					defaultAccesses: ['storage:read'],
					groupsAccesses: { design: ['*:write', 'feeds:read', 'feeds:none'] },
					usersAccesses: { ana: [], ben: ['*:read', 'bogus'] }
				})
			).map(({ field, id, rule }) => ({ field, id, rule }))
		).toEqual([
			{ field: 'defaultAccesses', id: undefined, rule: 'one-base-scope' },
			{ field: 'groupsAccesses', id: 'design', rule: 'one-scope-per-resource' },
			{ field: 'usersAccesses', id: 'ana', rule: 'one-base-scope' },
			{ field: 'usersAccesses', id: 'ben', rule: 'unknown-scope' }
		]);
	});

	it('allows 100 user and 100 group entries, not 101', () => {
		expect(validateRoomAccesses(room({ groupsAccesses: entries(100), usersAccesses: entries(100) }))).toEqual(
			[]
		);
		expect(validateRoomAccesses(room({ groupsAccesses: entries(101), usersAccesses: entries(101) }))).toEqual(
			[
				{ field: 'groupsAccesses', rule: 'too-many-entries', message: 'At most 100 group entries, got 101.' },
				{ field: 'usersAccesses', rule: 'too-many-entries', message: 'At most 100 user entries, got 101.' }
			]
		);
	});

	it('allows ids of 1 to 128 characters', () => {
		const ok = 'u'.repeat(128);
		const long = 'u'.repeat(129);
		expect(
			validateRoomAccesses(
				room({ usersAccesses: { [ok]: ['*:read'] }, groupsAccesses: { [ok]: ['*:read'] } })
			)
		).toEqual([]);
		expect(
			validateRoomAccesses(
				room({
					usersAccesses: { [long]: ['*:read'], '': ['*:read'] },
					groupsAccesses: { [long]: ['*:read'] }
				})
			)
		).toEqual([
			{
				field: 'groupsAccesses',
				id: long,
				rule: 'id-length',
				message: 'A group id has 1 to 128 characters, this one 129.'
			},
			{
				field: 'usersAccesses',
				id: long,
				rule: 'id-length',
				message: 'A user id has 1 to 128 characters, this one 129.'
			},
			{
				field: 'usersAccesses',
				id: '',
				rule: 'id-length',
				message: 'A user id has 1 to 128 characters, this one 0.'
			}
		]);
	});
});
