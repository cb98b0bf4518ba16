import { describe, expect, it } from 'vitest';
import { emptyRow, type RoomAccesses } from '$lib/access';
import { AccessEditorState } from './editor.svelte';

const loaded: RoomAccesses = {
	defaultAccesses: ['room:read'],
	groupsAccesses: { design: ['room:write'] },
	usersAccesses: { ana: ['*:read'] }
};
const viewer = { ...emptyRow, room: 'read' as const };

describe('AccessEditorState', () => {
	it('starts with nothing to save', () => {
		const editor = new AccessEditorState(loaded);
		expect(editor.edited).toEqual(loaded);
		expect(editor.differences).toEqual([]);
		expect(editor.payload).toEqual({});
	});

	it('keeps a removed entry to restore as it was, and re-adding it restores it', () => {
		const editor = new AccessEditorState(loaded);
		editor.setRow({ kind: 'group', id: 'design' }, { ...emptyRow, room: 'write', storage: 'read' });
		editor.remove('group', 'design');
		expect(editor.payload).toEqual({ groupsAccesses: { design: null } });

		editor.add('group', 'design', viewer);
		expect(editor.removed).toEqual([]);
		expect(editor.edited.groupsAccesses).toEqual({ design: ['*:write', 'storage:read'] });

		editor.remove('group', 'design');
		editor.restart(loaded);
		expect(editor.removed).toEqual([]);
		expect(editor.edited).toEqual(loaded);
	});

	it('reports problems of the edited matrix as Liveblocks would', () => {
		const editor = new AccessEditorState(loaded);
		editor.setRow({ kind: 'default' }, { ...emptyRow, comments: 'write' });
		expect(editor.problems).toEqual([
			expect.objectContaining({ field: 'defaultAccesses', rule: 'one-base-scope' })
		]);
	});

	it('after a conflict, merges one-sided changes, takes the chosen side of a contested row, and saves only yours', () => {
		const editor = new AccessEditorState(loaded, '7');
		editor.add('user', 'ben', viewer);
		editor.setRow({ kind: 'group', id: 'design' }, { ...emptyRow, room: 'write', storage: 'read' });
		editor.conflict = {
			current: { ...loaded, defaultAccesses: ['*:write'], groupsAccesses: {} },
			otherChange: { by: 'outside' },
			currentAuditId: '9'
		};
		expect(editor.merges.map((merge) => [merge.principal, merge.outcome])).toEqual([
			[{ kind: 'default' }, 'theirs'],
			[{ kind: 'group', id: 'design' }, 'choose'],
			[{ kind: 'user', id: 'ben' }, 'yours']
		]);

		editor.resolve({ 'group:design': 'theirs' });

		expect(editor.conflict).toBeNull();
		expect(editor.loadedAuditId).toBe('9');
		expect(editor.loaded.defaultAccesses).toEqual(['*:write']);
		expect(editor.payload).toEqual({ usersAccesses: { ben: ['*:read'] } });
	});

	it('after a conflict, shows an entry the merge leaves out as removed, to restore', () => {
		const editor = new AccessEditorState(loaded);
		editor.remove('user', 'ana');
		editor.conflict = {
			current: { ...loaded, defaultAccesses: ['*:write'] },
			otherChange: { by: 'outside' },
			currentAuditId: '3'
		};
		editor.resolve({});

		expect(editor.payload).toEqual({ usersAccesses: { ana: null } });
		expect(editor.removed).toEqual([{ kind: 'user', entry: { id: 'ana', row: viewer } }]);
		editor.restore('user', 'ana');
		expect(editor.payload).toEqual({});
	});

	it('invites an email with a placeholder row the save carries, once, and drops it with its row', () => {
		const editor = new AccessEditorState(loaded);
		editor.invite('new@example.com', viewer);
		editor.invite('new@example.com', viewer);
		expect(editor.invites).toHaveLength(1);
		const key = editor.invites[0]!.key;
		expect(key).toMatch(/^invite:/);
		expect(editor.edited.usersAccesses).toEqual({ ana: ['*:read'], [key]: ['*:read'] });
		expect(editor.invitesToSave).toEqual([{ key, email: 'new@example.com', name: '' }]);

		editor.remove('user', key);
		expect(editor.invitesToSave).toEqual([]);
		editor.restore('user', key);
		expect(editor.invitesToSave).toHaveLength(1);

		editor.restart(loaded);
		expect(editor.invites).toEqual([]);
	});
});
