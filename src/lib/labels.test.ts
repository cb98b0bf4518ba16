import { describe, expect, it } from 'vitest';
import { resolveEffectiveAccess, rowDifferences, scopesToRow } from '$lib/access';
import {
	accessSummary,
	cellLabel,
	cellLabels,
	defaultRowDetail,
	entryLabel,
	inheritsLabel,
	policyChangeLabel,
	presetLabels,
	principalLabel,
	rowChangeLabels,
	rowLevel,
	rowPreset,
	ruleLabel,
	scopesLabel,
	scopesText
} from './labels';

const person = { userId: 'mia', groupIds: ['designers'] };
const summaryOf = (defaultAccesses: string[], groupScopes: string[] = []) =>
	accessSummary(
		resolveEffectiveAccess(
			{ defaultAccesses, groupsAccesses: { designers: groupScopes }, usersAccesses: {} },
			person
		)
	);

describe('accessSummary', () => {
	it('names what getSelf() will report, strongest first', () => {
		expect(summaryOf([])).toBe('No access');
		expect(summaryOf(['*:read'])).toBe('Can view');
		expect(summaryOf(['*:read', 'comments:write'])).toBe('Can comment');
		expect(summaryOf(['*:read'], ['*:write'])).toBe('Can edit');
		// Writing everything but storage is not editing the room's content.
		expect(summaryOf(['*:write', 'storage:read'])).toBe('Can comment');
	});
});

describe('ruleLabel', () => {
	it('says which entry decided, with the group name', () => {
		expect(ruleLabel({ kind: 'group', groupId: 'designers' }, () => 'Designers')).toBe('Group Designers');
		expect(ruleLabel({ kind: 'default' })).toBe('Everyone signed in (default)');
		expect(ruleLabel({ kind: 'user' })).toBe('Own entry');
	});
});

describe('a scope list in words', () => {
	it('names a preset by the words a person says', () => {
		expect(scopesLabel([])).toBe('No access');
		expect(scopesLabel(['*:read'])).toBe('Can view');
		expect(scopesLabel(['room:read'])).toBe('Can view');
		expect(scopesLabel(['comments:write', '*:read'])).toBe('Can comment');
		expect(scopesLabel(['*:write'])).toBe('Can edit');
	});

	it('says what any other list lets someone do, and each level it sets', () => {
		expect(scopesLabel(['*:read', 'comments:public:write'])).toBe(
			'Can comment (Room: Read, Public comments: Write)'
		);
		expect(scopesLabel(['*:read', 'storage:write'])).toBe('Can edit (Room: Read, Storage: Write)');
		expect(scopesLabel(['*:write', 'storage:read'])).toBe('Can comment (Room: Write, Storage: Read)');
		expect(scopesLabel(['*:write', 'storage:read', 'comments:read'])).toBe(
			'Can view (Room: Write, Storage: Read, Comments: Read)'
		);
		expect(scopesLabel(['room:read', 'room:presence:write'])).toBe(
			'Can view (Room: Read, Can share presence)'
		);
		// Liveblocks refuses these, and the words do not hide that they are there.
		expect(scopesLabel(['storage:write'])).toBe('No access (Storage: Write)');
		expect(scopesLabel(['*:read', 'rooms:write'])).toBe('Can view, and unknown scopes rooms:write');
	});

	it('spells the raw list only when asked, the empty one too', () => {
		expect(scopesText(['*:read', 'comments:write'])).toBe('*:read comments:write');
		expect(scopesText([])).toBe('[] (no access)');
	});
});

describe('a row’s cells in words', () => {
	const row = scopesToRow(['*:read', 'comments:write', 'comments:private:none']);

	it('says the level each cell sets or inherits within the row', () => {
		expect(cellLabel(row, 'room')).toBe('Read');
		expect(cellLabel(row, 'storage')).toBe('Inherits (Read)');
		expect(cellLabel(row, 'comments')).toBe('Write');
		// The comment visibilities follow comments, not the room.
		expect(cellLabel(row, 'comments:public')).toBe('Inherits (Write)');
		expect(cellLabel(row, 'comments:private')).toBe('No access');
		expect(cellLabel(row, 'presence')).toBe('No');
		expect(rowLevel(row, 'comments:public')).toBe('write');
	});

	it('names an inherited cell by the level it resolves to, as the grid shows it', () => {
		expect(inheritsLabel('read')).toBe('Inherits (Read)');
		expect(inheritsLabel('none')).toBe('Inherits (No access)');
		expect(cellLabels.presence).toBe('Can share presence');
		expect(cellLabels['comments:public']).toBe('Public comments');
	});

	it('finds the preset a row is exactly', () => {
		expect(rowPreset(scopesToRow([]))).toBe('private');
		expect(rowPreset(scopesToRow(['room:write']))).toBe('edit');
		expect(rowPreset(row)).toBeNull();
		expect(presetLabels.private).toBe('Private');
	});
});

describe('changes in words', () => {
	const names = { group: () => 'Design', person: () => 'Ana' };

	it('describes an entry before and after', () => {
		const subject = principalLabel({ kind: 'group', id: 'design' }, names);
		expect(subject).toBe('Group Design');
		expect([entryLabel(['*:read'], 'before'), entryLabel(['*:write'], 'after')]).toEqual([
			'Can view',
			'Can edit'
		]);
		expect(entryLabel(null, 'before')).toBe('No entry');
		expect(entryLabel(null, 'after')).toBe('Removed');
		expect(principalLabel({ kind: 'default' }, names)).toBe('Everyone signed in (default)');
	});

	it('says an edited row as the audit log will: whole rows, an absent entry, a respelled list', () => {
		const before = {
			defaultAccesses: ['room:read'],
			groupsAccesses: { design: ['*:read'], ops: ['*:read'] },
			usersAccesses: {}
		};
		const after = {
			defaultAccesses: ['*:read'],
			groupsAccesses: { design: ['*:read', 'storage:write'] },
			usersAccesses: { ana: ['*:read', 'comments:write'] }
		};
		expect(rowDifferences(before, after).map(rowChangeLabels)).toEqual([
			{ before: 'Can view', after: "Can view, in today's spelling" },
			{ before: 'Can view', after: 'Can edit (Room: Read, Storage: Write)' },
			{ before: 'Can view', after: 'Removed' },
			{ before: 'No entry', after: 'Can comment' }
		]);
	});

	it('says a bulk change as a sentence, with the name it is given', () => {
		expect(policyChangeLabel({ kind: 'set-group', groupId: 'design', scopes: ['*:write'] }, 'Design')).toBe(
			'Set group Design to Can edit'
		);
		expect(policyChangeLabel({ kind: 'set-user', userId: 'c1', scopes: ['*:read', 'comments:write'] })).toBe(
			'Set person c1 to Can comment'
		);
		expect(policyChangeLabel({ kind: 'set-default', scopes: [] })).toBe('Set the default to No access');
		expect(policyChangeLabel({ kind: 'remove-user', userId: 'c1' }, 'Ana (ana@example.com)')).toBe(
			'Remove person Ana (ana@example.com)'
		);
	});
});

describe('defaultRowDetail', () => {
	it('says the default row is for anyone in a room of the default organization', () => {
		for (const organizationId of ['default', '']) {
			expect(defaultRowDetail(organizationId)).toBe('The default, for anyone not given more below');
		}
	});

	it('says it is for tokens of the organization in a room of one', () => {
		expect(defaultRowDetail('acme')).toBe(
			'The default, for anyone whose ID token is for organization acme and not given more below'
		);
	});
});
