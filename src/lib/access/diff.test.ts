import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validRoom } from './arbitraries';
import { diffRoomAccess, sameScopes, type RoomAccessUpdate } from './diff';
import type { RoomAccesses } from './scopes';

const room = (overrides: Partial<RoomAccesses> = {}): RoomAccesses => ({
	defaultAccesses: [],
	groupsAccesses: {},
	usersAccesses: {},
	...overrides
});

/** updateRoom's partial merge, as the dev server applies it. */
function applyUpdate(before: RoomAccesses, update: RoomAccessUpdate): RoomAccesses {
	const merge = (entries: Record<string, string[]>, changes: Record<string, string[] | null> = {}) => {
		const merged = new Map(Object.entries(entries));
		for (const [id, scopes] of Object.entries(changes)) {
			if (scopes === null) merged.delete(id);
			else merged.set(id, scopes);
		}
		return Object.fromEntries(merged);
	};
	return {
		defaultAccesses: update.defaultAccesses ?? before.defaultAccesses,
		groupsAccesses: merge(before.groupsAccesses, update.groupsAccesses),
		usersAccesses: merge(before.usersAccesses, update.usersAccesses)
	};
}

/** Lists sorted, entries keyed: a room as Liveblocks means it. */
const normalized = (accesses: RoomAccesses) => ({
	defaultAccesses: [...accesses.defaultAccesses].sort(),
	groupsAccesses: Object.entries(accesses.groupsAccesses)
		.map(([id, scopes]) => [id, [...scopes].sort()])
		.sort(),
	usersAccesses: Object.entries(accesses.usersAccesses)
		.map(([id, scopes]) => [id, [...scopes].sort()])
		.sort()
});

describe('diffRoomAccess', () => {
	const loaded = room({
		defaultAccesses: ['*:read'],
		groupsAccesses: { design: ['*:write'], ops: ['*:read'] },
		usersAccesses: { ana: ['*:write', 'storage:read'], ben: ['*:read'] }
	});

	it('sends nothing for an unchanged room, nor for lists only reordered', () => {
		expect(diffRoomAccess(loaded, loaded)).toEqual({});
		expect(
			diffRoomAccess(loaded, {
				...loaded,
				usersAccesses: { ...loaded.usersAccesses, ana: ['storage:read', '*:write'] }
			})
		).toEqual({});
	});

	it('sends defaultAccesses whole when it changes', () => {
		expect(diffRoomAccess(loaded, { ...loaded, defaultAccesses: ['*:read', 'comments:write'] })).toEqual({
			defaultAccesses: ['*:read', 'comments:write']
		});
		expect(diffRoomAccess(loaded, { ...loaded, defaultAccesses: [] })).toEqual({ defaultAccesses: [] });
	});

	it('sends only the entries added, changed or removed (null)', () => {
		expect(
			diffRoomAccess(loaded, {
				...loaded,
				groupsAccesses: { design: ['*:write'] },
				usersAccesses: { ana: ['*:write'], ben: ['*:read'], cleo: ['*:read'] }
			})
		).toEqual({ groupsAccesses: { ops: null }, usersAccesses: { ana: ['*:write'], cleo: ['*:read'] } });
	});

	it('tells a repeated scope from a single one', () => {
		expect(sameScopes(['*:read', 'storage:read'], ['storage:read', '*:read'])).toBe(true);
		expect(sameScopes(['*:read', '*:read'], ['*:read'])).toBe(false);
		expect(sameScopes(['*:read', '*:read'], ['*:read', 'storage:read'])).toBe(false);
	});

	it('keeps an id named like an object property as an entry', () => {
		const update = diffRoomAccess(room(), room({ usersAccesses: JSON.parse('{"__proto__":["*:read"]}') }));
		expect(Object.keys(update.usersAccesses!)).toEqual(['__proto__']);
	});

	it('does not share lists with the edited room', () => {
		const after = room({ defaultAccesses: ['*:read'], usersAccesses: { ana: ['*:read'] } });
		const update = diffRoomAccess(room(), after);
		expect(update.defaultAccesses).not.toBe(after.defaultAccesses);
		expect(update.usersAccesses!.ana).not.toBe(after.usersAccesses.ana);
	});

	it('turns the loaded room into the edited one under updateRoom partial merge', () => {
		fc.assert(
			fc.property(validRoom, validRoom, (before, after) => {
				expect(normalized(applyUpdate(before, diffRoomAccess(before, after)))).toEqual(normalized(after));
			}),
			{ numRuns: 1000 }
		);
	});

	it('is empty from a room to itself', () => {
		fc.assert(
			fc.property(validRoom, (accesses) => {
				expect(diffRoomAccess(accesses, structuredClone(accesses))).toEqual({});
			})
		);
	});

	it('sends only what changed, and no empty key', () => {
		fc.assert(
			fc.property(validRoom, validRoom, (before, after) => {
				const update = diffRoomAccess(before, after);
				if (update.defaultAccesses)
					expect(sameScopes(update.defaultAccesses, before.defaultAccesses)).toBe(false);
				for (const field of ['groupsAccesses', 'usersAccesses'] as const) {
					const changes = update[field];
					if (!changes) continue;
					expect(Object.keys(changes).length).toBeGreaterThan(0);
					for (const [id, scopes] of Object.entries(changes)) {
						if (scopes === null)
							expect(Object.hasOwn(before[field], id) && !Object.hasOwn(after[field], id)).toBe(true);
						else
							expect(Object.hasOwn(before[field], id) && sameScopes(before[field][id]!, scopes)).toBe(false);
					}
				}
			}),
			{ numRuns: 1000 }
		);
	});
});
