import { describe, expect, it } from 'vitest';
import type { RoomAccesses } from '$lib/access';
import { effectiveAccessOf } from './why';

const room: RoomAccesses = {
	defaultAccesses: ['room:read', 'feeds:write'],
	groupsAccesses: { designers: ['room:read', 'comments:write'], editors: ['room:write'] },
	// An entry for someone with an empty id must not leak into what a group's member gets.
	usersAccesses: { '': ['room:write'], ada: ['room:read', 'storage:none'] }
};

describe('effectiveAccessOf', () => {
	it('explains a group through a member of only that group, with the rule deciding each resource', () => {
		const access = effectiveAccessOf(room, { kind: 'group', id: 'designers' });
		expect(access.levels).toEqual({
			room: 'read',
			storage: 'read',
			comments: 'write',
			'comments:public': 'write',
			'comments:private': 'write',
			feeds: 'write'
		});
		expect(access.decidedBy.comments).toEqual({ kind: 'group', groupId: 'designers' });
		expect(access.decidedBy.feeds).toEqual({ kind: 'default' });
		expect(access).toMatchObject({ canConnect: true, canWrite: false, canComment: true });
	});

	it('does not count other groups or anyone’s own entry for a group member', () => {
		const access = effectiveAccessOf(room, { kind: 'group', id: 'editors' });
		expect(access.levels.storage).toBe('write');
		expect(access.decidedBy.storage).toEqual({ kind: 'group', groupId: 'editors' });
		expect(access.levels.comments).toBe('write');
	});

	it('explains the default row through someone in no group', () => {
		const access = effectiveAccessOf(room, { kind: 'default' });
		expect(access.levels.room).toBe('read');
		expect(access.decidedBy.room).toEqual({ kind: 'default' });
		expect(access.canWrite).toBe(false);
	});

	it('says a member of a group without a room level, in a private room, cannot join', () => {
		const closed: RoomAccesses = { ...room, defaultAccesses: [], groupsAccesses: { readers: [] } };
		expect(effectiveAccessOf(closed, { kind: 'group', id: 'readers' }).canConnect).toBe(false);
	});

	it('explains a person with their groups and their own entry', () => {
		const access = effectiveAccessOf(room, { kind: 'user', id: 'ada', groupIds: ['editors'] });
		expect(access.levels.room).toBe('read');
		expect(access.decidedBy.room).toEqual({ kind: 'user' });
		expect(access.levels.storage).toBe('none');
		expect(access.levels.comments).toBe('read');
		expect(access.decidedBy.comments).toEqual({ kind: 'user' });
	});
});
