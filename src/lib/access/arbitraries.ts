// fast-check generators for the access model's property tests (test-only: imported by *.test.ts).
import fc from 'fast-check';
import {
	baseScopes,
	levels,
	overrideResources,
	presenceScope,
	type AccessRow,
	type RoomAccesses
} from './scopes';

const inheritOrLevel = fc.constantFrom('inherit' as const, ...levels);

/** Any row, including ones Liveblocks would reject (overrides or presence without a base). */
export const anyRow: fc.Arbitrary<AccessRow> = fc.record({
	room: fc.constantFrom(...levels),
	storage: inheritOrLevel,
	comments: inheritOrLevel,
	'comments:public': inheritOrLevel,
	'comments:private': inheritOrLevel,
	feeds: inheritOrLevel,
	presence: fc.boolean()
});

/** A list Liveblocks accepts as an entry: one base scope (aliases too), at most one scope per resource, any order. */
export const validScopes: fc.Arbitrary<string[]> = fc
	.tuple(
		fc.constantFrom(...Object.keys(baseScopes)),
		fc.tuple(
			...overrideResources.map((resource) =>
				fc.option(fc.constantFrom(...levels.map((l) => `${resource}:${l}`)))
			)
		),
		fc.boolean()
	)
	.chain(([base, overrides, presence]) => {
		const list = [base, ...overrides.filter((scope) => scope !== null), ...(presence ? [presenceScope] : [])];
		return fc.shuffledSubarray(list, { minLength: list.length, maxLength: list.length });
	});

/** Ids from a small pool so two rooms share entries, with names that trip naive object code. */
const entryId = fc.constantFrom('ana', 'ben', 'design', 'ops', '__proto__', 'constructor');

/** A room Liveblocks accepts: defaultAccesses may also be empty (no access). */
export const validRoom: fc.Arbitrary<RoomAccesses> = fc.record({
	defaultAccesses: fc.oneof(fc.constant<string[]>([]), validScopes),
	groupsAccesses: fc.dictionary(entryId, validScopes, { noNullPrototype: true }),
	usersAccesses: fc.dictionary(entryId, validScopes, { noNullPrototype: true })
});
