import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveEffectiveAccess, rowDifferences, type RoomAccesses } from '$lib/access';
import { validRoom } from '$lib/access/arbitraries';
import { accessSummary } from '$lib/labels';
import { grantScopes, requestLevelLabels, requestLevels, withPersonEntry } from './access-requests';

const room = (overrides: Partial<RoomAccesses> = {}): RoomAccesses => ({
	defaultAccesses: [],
	groupsAccesses: {},
	usersAccesses: {},
	...overrides
});
const levelOf = (accesses: RoomAccesses, groupIds: string[] = []) =>
	accessSummary(resolveEffectiveAccess(accesses, { userId: 'ana', groupIds }));

describe('withPersonEntry', () => {
	it('grants each preset as the person row of the access editor writes it', () => {
		expect(requestLevels.map(grantScopes)).toEqual([['*:read'], ['*:read', 'comments:write'], ['*:write']]);
	});

	it('lets a refused person in with exactly the chosen level when nothing else in the room concerns them', () => {
		const refusing = room({ usersAccesses: { ben: ['*:write'] }, groupsAccesses: { ops: ['*:read'] } });
		expect(levelOf(refusing)).toBe('No access');
		for (const level of requestLevels)
			expect(levelOf(withPersonEntry(refusing, 'ana', level))).toBe(requestLevelLabels[level]);
	});

	it('changes only the person’s own entry, and never the accesses it was given', () => {
		fc.assert(
			fc.property(
				validRoom,
				fc.constantFrom('ana', 'ben', '__proto__'),
				fc.constantFrom(...requestLevels),
				(accesses, personId, level) => {
					const copy = structuredClone(accesses);
					const edited = withPersonEntry(accesses, personId, level);
					expect(accesses).toEqual(copy);
					expect(edited.usersAccesses[personId]).toEqual(grantScopes(level));
					for (const difference of rowDifferences(accesses, edited))
						expect(difference.principal).toEqual({ kind: 'user', id: personId });
				}
			)
		);
	});

	it('can leave a person with less than the preset when the default overrides a resource lower', () => {
		const storageReadOnly = room({ defaultAccesses: ['*:read', 'storage:read'] });
		expect(levelOf(withPersonEntry(storageReadOnly, 'ana', 'edit'))).toBe('Can comment');
	});
});
