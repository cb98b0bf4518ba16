import {
	hasPermissionAccess,
	mergeRoomPermissionScopes,
	permissionMatrixFromScopes,
	type Permission,
	type RoomPermissions
} from '@liveblocks/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validRoom } from './arbitraries';
import { resolveEffectiveAccess, type RuleSource } from './resolve';
import { resources, type Level, type Resource, type RoomAccesses } from './scopes';

const room = (overrides: Partial<RoomAccesses> = {}): RoomAccesses => ({
	defaultAccesses: [],
	groupsAccesses: {},
	usersAccesses: {},
	...overrides
});
const ana = (...groupIds: string[]) => ({ userId: 'ana', groupIds });
const byDefault: RuleSource = { kind: 'default' };
const byUser: RuleSource = { kind: 'user' };
const byGroup = (groupId: string): RuleSource => ({ kind: 'group', groupId });
const all = <T>(value: T) => Object.fromEntries(resources.map((r) => [r, value])) as Record<Resource, T>;

describe('resolveEffectiveAccess', () => {
	it('refuses the connection when no source sets a base level', () => {
		const refused = {
			canConnect: false,
			levels: all('none'),
			decidedBy: all({ kind: 'none' }),
			canWrite: false,
			canComment: false
		};
		expect(resolveEffectiveAccess(room(), ana())).toEqual(refused);
		// overrides without a base grant nothing, nor does the legacy presence scope
		expect(
			resolveEffectiveAccess(
				room({
					groupsAccesses: { design: ['storage:write'] },
					usersAccesses: { ana: ['room:presence:write'] }
				}),
				ana('design')
			)
		).toEqual(refused);
	});

	it('gives everyone the default, which every resource inherits', () => {
		expect(resolveEffectiveAccess(room({ defaultAccesses: ['*:write'] }), ana())).toEqual({
			canConnect: true,
			levels: all('write'),
			decidedBy: all(byDefault),
			canWrite: true,
			canComment: true
		});
		const reader = resolveEffectiveAccess(room({ defaultAccesses: ['room:read'] }), ana());
		expect(reader.levels).toEqual(all('read'));
		expect([reader.canWrite, reader.canComment]).toEqual([false, false]);
	});

	it('lets a group read beat a default write', () => {
		const access = resolveEffectiveAccess(
			room({ defaultAccesses: ['*:write'], groupsAccesses: { design: ['*:read'] } }),
			ana('design')
		);
		expect(access.levels).toEqual(all('read'));
		expect(access.decidedBy).toEqual(all(byGroup('design')));
	});

	it('lets a user read beat a group write', () => {
		const access = resolveEffectiveAccess(
			room({ groupsAccesses: { design: ['*:write'] }, usersAccesses: { ana: ['*:read'] } }),
			ana('design')
		);
		expect(access.levels).toEqual(all('read'));
		expect(access.decidedBy).toEqual(all(byUser));
	});

	it('merges several groups by the highest level, naming the group that gave it', () => {
		const access = resolveEffectiveAccess(
			room({
				groupsAccesses: {
					ops: ['*:read', 'comments:write'],
					design: ['*:write', 'comments:none'],
					legal: ['*:read', 'comments:read']
				}
			}),
			ana('legal', 'ops', 'design')
		);
		expect(access.levels).toMatchObject({ room: 'write', storage: 'write', comments: 'write' });
		expect(access.decidedBy).toMatchObject({
			room: byGroup('design'),
			storage: byGroup('design'),
			comments: byGroup('ops')
		});
	});

	it('names the first group of the token when groups tie', () => {
		const groupsAccesses = { a: ['*:read'], b: ['*:read'] };
		expect(resolveEffectiveAccess(room({ groupsAccesses }), ana('b', 'a')).decidedBy.room).toEqual(
			byGroup('b')
		);
		expect(resolveEffectiveAccess(room({ groupsAccesses }), ana('a', 'b')).decidedBy.room).toEqual(
			byGroup('a')
		);
	});

	it('merges groups per resource: a group that leaves storage to its base does not raise another group storage override', () => {
		// As @liveblocks/core merges explicit matrices: only groups that set storage take part in storage.
		const access = resolveEffectiveAccess(
			room({ groupsAccesses: { design: ['*:write'], ops: ['*:read', 'storage:read'] } }),
			ana('design', 'ops')
		);
		expect(access.levels).toMatchObject({ room: 'write', storage: 'read', feeds: 'write' });
		expect(access.decidedBy).toMatchObject({ room: byGroup('design'), storage: byGroup('ops') });
		expect(access.canWrite).toBe(false);
	});

	it('ignores groups the person is not in, and token groups with no entry', () => {
		const access = resolveEffectiveAccess(
			room({ defaultAccesses: ['*:read'], groupsAccesses: { design: ['*:write'] } }),
			ana('ops')
		);
		expect(access.decidedBy).toEqual(all(byDefault));
	});

	it('keeps an earlier source override when a later one only sets the base', () => {
		const access = resolveEffectiveAccess(
			room({ defaultAccesses: ['*:read', 'storage:write'], usersAccesses: { ana: ['*:read'] } }),
			ana()
		);
		expect(access.levels).toMatchObject({ room: 'read', storage: 'write', comments: 'read' });
		expect(access.decidedBy).toMatchObject({ room: byUser, storage: byDefault, comments: byUser });
		expect(access.canWrite).toBe(true);
	});

	it('lets an override equal to the base still override an earlier source', () => {
		const access = resolveEffectiveAccess(
			room({
				defaultAccesses: ['*:read', 'storage:write'],
				usersAccesses: { ana: ['*:read', 'storage:read'] }
			}),
			ana()
		);
		expect(access.levels.storage).toBe('read');
		expect(access.decidedBy.storage).toEqual(byUser);
	});

	it('makes comment visibilities follow comments, also across sources', () => {
		const access = resolveEffectiveAccess(
			room({
				defaultAccesses: ['*:write', 'comments:public:none', 'comments:private:none'],
				usersAccesses: { ana: ['*:write', 'comments:read', 'comments:private:write'] }
			}),
			ana()
		);
		// ana's comments:read sets comments:public too, over the default's comments:public:none
		expect(access.levels).toMatchObject({
			comments: 'read',
			'comments:public': 'read',
			'comments:private': 'write'
		});
		expect(access.decidedBy).toMatchObject({ 'comments:public': byUser, 'comments:private': byUser });
	});

	it('lets a visibility left to inheritance follow the resolved comments level', () => {
		const access = resolveEffectiveAccess(
			room({
				defaultAccesses: ['*:write', 'comments:read'],
				groupsAccesses: { design: ['*:read', 'comments:public:write'] }
			}),
			ana('design')
		);
		expect(access.levels).toMatchObject({
			comments: 'read',
			'comments:public': 'write',
			'comments:private': 'read'
		});
		expect(access.decidedBy).toMatchObject({
			comments: byDefault,
			'comments:public': byGroup('design'),
			'comments:private': byDefault
		});
	});

	it('reports canWrite from storage and canComment from comments or either visibility', () => {
		const check = (defaultAccesses: string[]) => {
			const { canWrite, canComment } = resolveEffectiveAccess(room({ defaultAccesses }), ana());
			return { canWrite, canComment };
		};
		expect(check(['*:write', 'storage:read'])).toEqual({ canWrite: false, canComment: true });
		expect(check(['*:read', 'storage:write'])).toEqual({ canWrite: true, canComment: false });
		expect(check(['*:read', 'comments:private:write'])).toEqual({ canWrite: false, canComment: true });
		expect(check(['*:write', 'comments:none'])).toEqual({ canWrite: true, canComment: false });
		expect(check(['*:write', 'feeds:none'])).toEqual({ canWrite: true, canComment: true });
	});

	it('treats an empty user or group entry as setting nothing', () => {
		const access = resolveEffectiveAccess(
			room({ defaultAccesses: ['*:read'], groupsAccesses: { design: [] }, usersAccesses: { ana: [] } }),
			ana('design')
		);
		expect(access.canConnect).toBe(true);
		expect(access.decidedBy).toEqual(all(byDefault));
	});

	it('does not mistake inherited object properties for entries', () => {
		const access = resolveEffectiveAccess(room({ defaultAccesses: ['*:read'] }), {
			userId: 'constructor',
			groupIds: ['toString', '__proto__']
		});
		expect(access.decidedBy).toEqual(all(byDefault));
	});

	it('agrees with @liveblocks/core, which the dev server runs, on every valid room', () => {
		const person = fc.record({
			userId: fc.constantFrom('ana', 'ben', '__proto__', 'zoe'),
			groupIds: fc.uniqueArray(fc.constantFrom('design', 'ops', 'ana', 'constructor', 'legal'), {
				maxLength: 4
			})
		});
		fc.assert(
			fc.property(validRoom, person, (accesses, { userId, groupIds }) => {
				const own = Object.hasOwn(accesses.usersAccesses, userId) ? accesses.usersAccesses[userId]! : [];
				// As the dev server calls it when a socket opens; an empty result closes the socket with 4001.
				const scopes = mergeRoomPermissionScopes({
					defaultAccesses: accesses.defaultAccesses as RoomPermissions,
					groupsAccesses: groupIds
						.filter((id) => Object.hasOwn(accesses.groupsAccesses, id))
						.map((id) => accesses.groupsAccesses[id] as Permission[]),
					userAccesses: own as RoomPermissions
				});
				const matrix = permissionMatrixFromScopes(scopes);
				const access = resolveEffectiveAccess(accesses, { userId, groupIds });
				expect(access.canConnect).toBe(scopes.length > 0);
				expect(access.levels).toEqual(Object.fromEntries(resources.map((r) => [r, matrix[r] as Level])));
				expect(access.canWrite).toBe(hasPermissionAccess(matrix, 'storage', 'write'));
				expect(access.canComment).toBe(hasPermissionAccess(matrix, 'comments', 'write'));
			}),
			{ numRuns: 2000 }
		);
	});

	it('names for each resource a rule whose list alone gives that level', () => {
		const person = fc.record({
			userId: fc.constantFrom('ana', 'ben'),
			groupIds: fc.uniqueArray(fc.constantFrom('design', 'ops', 'legal'), { maxLength: 3 })
		});
		fc.assert(
			fc.property(validRoom, person, (accesses, who) => {
				const access = resolveEffectiveAccess(accesses, who);
				for (const resource of resources) {
					const by = access.decidedBy[resource];
					if (by.kind === 'none') continue;
					const list =
						by.kind === 'default'
							? accesses.defaultAccesses
							: by.kind === 'group'
								? accesses.groupsAccesses[by.groupId]!
								: accesses.usersAccesses[who.userId]!;
					const alone = resolveEffectiveAccess(room({ defaultAccesses: list }), who);
					expect(alone.levels[resource]).toBe(access.levels[resource]);
				}
			}),
			{ numRuns: 1000 }
		);
	});
});
