import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validRoom } from './arbitraries';
import { diffRoomAccess } from './diff';
import { listOf, principalKey, sameRow, type Principal } from './matrix';
import {
	cellsToCompare,
	mergedAccesses,
	mergedChange,
	threeWayMerge,
	unchosen,
	type MergeChoice,
	type RowMerge
} from './merge';
import { scopesToRow, type RoomAccesses } from './scopes';

const loaded: RoomAccesses = {
	defaultAccesses: ['*:read'],
	groupsAccesses: { design: ['*:read'], ops: ['*:read'] },
	usersAccesses: { ana: ['*:read'], cai: ['*:write'] }
};
// Only you: design to write, cai removed. Only they: the default to write. Both, differently: ana.
// Both alike: ben added as a reader. ops untouched on both sides.
const yours: RoomAccesses = {
	defaultAccesses: ['*:read'],
	groupsAccesses: { design: ['*:write'], ops: ['*:read'] },
	usersAccesses: { ana: ['*:write'], ben: ['*:read'] }
};
const theirs: RoomAccesses = {
	defaultAccesses: ['*:write'],
	groupsAccesses: { design: ['*:read'], ops: ['*:read'] },
	usersAccesses: { ana: ['*:read', 'comments:write'], ben: ['*:read'], cai: ['*:write'] }
};

const outcomes = (merges: RowMerge[]) =>
	Object.fromEntries(merges.map((merge) => [principalKey(merge.principal), merge.outcome]));

/** The same access in both rooms for `principal`, compared by what it grants. */
const sameFor = (a: RoomAccesses, b: RoomAccesses, principal: Principal) => {
	const [x, y] = [listOf(a, principal), listOf(b, principal)];
	return x && y ? sameRow(scopesToRow(x), scopesToRow(y)) : x === y;
};

describe('threeWayMerge', () => {
	it('merges rows changed on one side by themselves and asks only about a row both changed differently', () => {
		expect(outcomes(threeWayMerge(loaded, yours, theirs))).toEqual({
			default: 'theirs',
			'group:design': 'yours',
			'user:ana': 'choose',
			'user:ben': 'same',
			'user:cai': 'yours'
		});
	});

	it('keeps your one-sided changes, takes theirs, and the chosen version of a row both changed', () => {
		const merges = threeWayMerge(loaded, yours, theirs);
		expect(unchosen(merges, {}).map((merge) => merge.principal)).toEqual([{ kind: 'user', id: 'ana' }]);
		expect(unchosen(merges, { 'user:ana': 'yours' })).toEqual([]);

		expect(mergedAccesses(merges, loaded, yours, theirs, { 'user:ana': 'yours' })).toEqual({
			defaultAccesses: ['*:write'],
			groupsAccesses: { design: ['*:write'], ops: ['*:read'] },
			usersAccesses: { ana: ['*:write'], ben: ['*:read'] }
		});
		const keptOrder = { ...yours, usersAccesses: { ben: ['*:read'], ana: ['*:write'] } };
		expect(Object.keys(mergedAccesses(merges, loaded, keptOrder, theirs, {}).usersAccesses)).toEqual([
			'ben',
			'ana'
		]);
		expect(mergedAccesses(merges, loaded, yours, theirs, { 'user:ana': 'theirs' }).usersAccesses).toEqual({
			ana: ['*:read', 'comments:write'],
			ben: ['*:read']
		});
	});

	it('leaves a row nobody has chosen for as Liveblocks has it', () => {
		const merges = threeWayMerge(loaded, yours, theirs);
		expect(mergedAccesses(merges, loaded, yours, theirs, {}).usersAccesses.ana).toEqual([
			'*:read',
			'comments:write'
		]);
	});

	it('asks about an entry one side removed and the other changed', () => {
		const edited = { ...loaded, usersAccesses: { ...loaded.usersAccesses, cai: ['*:read'] } };
		const removed = { ...loaded, usersAccesses: { ana: ['*:read'] } };
		expect(outcomes(threeWayMerge(loaded, edited, removed))).toEqual({ 'user:cai': 'choose' });
		expect(outcomes(threeWayMerge(loaded, removed, edited))).toEqual({ 'user:cai': 'choose' });
	});

	it('does not count a list only spelled differently as a change, and keeps its spelling from Liveblocks', () => {
		const respelled = { ...loaded, groupsAccesses: { design: ['room:read'], ops: ['room:read'] } };
		const merges = threeWayMerge(loaded, yours, respelled);
		expect(outcomes(merges)).toEqual({
			'group:design': 'yours',
			'user:ana': 'yours',
			'user:ben': 'yours',
			'user:cai': 'yours'
		});
		expect(mergedAccesses(merges, loaded, yours, respelled, {}).groupsAccesses).toEqual({
			design: ['*:write'],
			ops: ['room:read']
		});
	});

	it('describes a one-sided row as the change it brings, and a contested one by the cells that differ', () => {
		const merges = threeWayMerge(loaded, yours, theirs);
		const byKey = new Map(merges.map((merge) => [principalKey(merge.principal), merge]));
		expect(mergedChange(byKey.get('default')!)).toMatchObject({ changed: ['room'] });
		expect(mergedChange(byKey.get('group:design')!)).toMatchObject({
			before: { room: 'read' },
			after: { room: 'write' },
			changed: ['room']
		});
		expect(cellsToCompare(byKey.get('user:ana')!)).toEqual(['room', 'comments']);
	});

	it('takes Liveblocks whole when you changed nothing, and yours whole when nobody else did', () => {
		fc.assert(
			fc.property(validRoom, validRoom, (base, other) => {
				const untouched = threeWayMerge(base, base, other);
				expect(untouched.every((merge) => merge.outcome === 'theirs')).toBe(true);
				expect(diffRoomAccess(other, mergedAccesses(untouched, base, base, other, {}))).toEqual({});

				const alone = threeWayMerge(base, other, base);
				expect(alone.every((merge) => merge.outcome === 'yours')).toBe(true);
				expect(diffRoomAccess(other, mergedAccesses(alone, base, other, base, {}))).toEqual({});
			})
		);
	});

	it('gives every row the version of the side that changed it, and the chosen one where both did', () => {
		const choice = fc.constantFrom<MergeChoice>('yours', 'theirs');
		fc.assert(
			fc.property(validRoom, validRoom, validRoom, choice, (base, mine, now, pick) => {
				const merges = threeWayMerge(base, mine, now);
				const choices = Object.fromEntries(
					merges.filter((m) => m.outcome === 'choose').map((m) => [principalKey(m.principal), pick])
				);
				const merged = mergedAccesses(merges, base, mine, now, choices);
				const listed = new Set(merges.map((merge) => principalKey(merge.principal)));
				for (const merge of merges) {
					const side =
						merge.outcome === 'yours' || (merge.outcome === 'choose' && pick === 'yours') ? mine : now;
					expect(listOf(merged, merge.principal)).toEqual(listOf(side, merge.principal));
					if (merge.outcome === 'choose') {
						expect(sameFor(mine, base, merge.principal)).toBe(false);
						expect(sameFor(now, base, merge.principal)).toBe(false);
						expect(sameFor(mine, now, merge.principal)).toBe(false);
					}
				}
				// A row nobody changed is as Liveblocks has it.
				for (const id of Object.keys(now.usersAccesses).filter((id) => !listed.has(`user:${id}`)))
					expect(merged.usersAccesses[id]).toEqual(now.usersAccesses[id]);
			})
		);
	});

	it('is symmetric: swapping the two sides swaps yours and theirs', () => {
		const swapped = { yours: 'theirs', theirs: 'yours', same: 'same', choose: 'choose' } as const;
		fc.assert(
			fc.property(validRoom, validRoom, validRoom, (base, a, b) => {
				const there = Object.entries(outcomes(threeWayMerge(base, a, b))).map(([key, outcome]) => [
					key,
					swapped[outcome]
				]);
				expect(outcomes(threeWayMerge(base, b, a))).toEqual(Object.fromEntries(there));
			})
		);
	});
});
