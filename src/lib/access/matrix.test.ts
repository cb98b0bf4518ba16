import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyRow, validRoom } from './arbitraries';
import { diffRoomAccess } from './diff';
import {
	inheritedLevel,
	matrixOf,
	matrixToAccesses,
	rowDifferences,
	sameRow,
	type AccessMatrix
} from './matrix';
import { emptyRow, scopesToRow, type RoomAccesses } from './scopes';

const loaded: RoomAccesses = {
	defaultAccesses: ['room:read', 'comments:write'],
	groupsAccesses: { design: ['room:write'], ops: ['*:read', 'storage:none'] },
	usersAccesses: { ana: ['*:write'] }
};

describe('matrixOf and matrixToAccesses', () => {
	it('gives the lists back exactly, legacy spellings included, when nothing was edited', () => {
		fc.assert(
			fc.property(validRoom, (room) => {
				expect(matrixToAccesses(matrixOf(room), room)).toEqual(room);
			})
		);
	});

	it('rewrites only the rows that changed, with *:read / *:write', () => {
		const matrix = matrixOf(loaded);
		matrix.groups[0]!.row = { ...matrix.groups[0]!.row, storage: 'read' };
		expect(matrixToAccesses(matrix, loaded)).toEqual({
			defaultAccesses: ['room:read', 'comments:write'],
			groupsAccesses: { design: ['*:write', 'storage:read'], ops: ['*:read', 'storage:none'] },
			usersAccesses: { ana: ['*:write'] }
		});
	});

	it('adds new entries after the loaded ones and drops removed ones', () => {
		const matrix: AccessMatrix = {
			...matrixOf(loaded),
			users: [{ id: 'ben', row: { ...emptyRow, room: 'read' } }]
		};
		const edited = matrixToAccesses(matrix, loaded);
		expect(edited.usersAccesses).toEqual({ ben: ['*:read'] });
		expect(diffRoomAccess(loaded, edited)).toEqual({ usersAccesses: { ana: null, ben: ['*:read'] } });
	});

	it('reads back every edited row as it was set', () => {
		fc.assert(
			fc.property(validRoom, anyRow, (room, row) => {
				const matrix = matrixOf(room);
				matrix.defaultRow = row;
				expect(sameRow(scopesToRow(matrixToAccesses(matrix, room).defaultAccesses), row)).toBe(true);
			})
		);
	});
});

describe('inheritedLevel', () => {
	it('follows the room level, and comments for the comment visibilities', () => {
		const row = { ...emptyRow, room: 'read' as const, comments: 'write' as const };
		expect(inheritedLevel(row, 'storage')).toBe('read');
		expect(inheritedLevel(row, 'feeds')).toBe('read');
		expect(inheritedLevel(row, 'comments:public')).toBe('write');
		expect(inheritedLevel({ ...row, comments: 'inherit' }, 'comments:private')).toBe('read');
	});
});

describe('rowDifferences', () => {
	it('names each changed row with the cells that changed; added and removed rows change every cell', () => {
		const edited: RoomAccesses = {
			defaultAccesses: ['comments:write', '*:read'],
			groupsAccesses: { design: ['room:write', 'storage:read'], ops: ['*:read', 'storage:none'] },
			usersAccesses: { ben: ['*:read'] }
		};
		const differences = rowDifferences(loaded, edited);
		expect(differences.map((d) => [d.principal, d.changed.length])).toEqual([
			[{ kind: 'default' }, 0],
			[{ kind: 'group', id: 'design' }, 1],
			[{ kind: 'user', id: 'ben' }, 7],
			[{ kind: 'user', id: 'ana' }, 7]
		]);
		expect(differences[1]!.changed).toEqual(['storage']);
		expect(differences[2]!.before).toBeNull();
		expect(differences[3]!.after).toBeNull();
	});

	it('finds a difference exactly where diffRoomAccess would send one', () => {
		fc.assert(
			fc.property(validRoom, validRoom, (before, after) => {
				const update = diffRoomAccess(before, after);
				const count =
					(update.defaultAccesses ? 1 : 0) +
					Object.keys(update.groupsAccesses ?? {}).length +
					Object.keys(update.usersAccesses ?? {}).length;
				expect(rowDifferences(before, after)).toHaveLength(count);
			})
		);
	});
});
