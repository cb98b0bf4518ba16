import { describe, expect, it } from 'vitest';
import { changeText, describeChanges, referencedIds, type AuditEventContent } from './audit-changes';

const names = {
	group: (id: string) => ({ designers: 'Designers', ops: 'Operations' })[id] ?? id,
	person: (id: string) => ({ ada: 'Ada Lovelace' })[id] ?? id
};
const lines = (event: AuditEventContent) => describeChanges(event, names).map(changeText);
const room = (defaultAccesses: string[], groups = {}, users = {}) => ({
	defaultAccesses,
	groupsAccesses: groups,
	usersAccesses: users
});

describe('room access events', () => {
	it('says each changed row before and after in words, and keeps its scopes for who asks', () => {
		const event = {
			action: 'room.access-updated',
			before: room(['room:read'], { designers: ['room:read'] }),
			after: room(['room:read'], { designers: ['*:read', 'storage:write', 'comments:none'] })
		};
		expect(lines(event)).toEqual([
			'Group Designers · Access: Can view → Can edit (Room: Read, Storage: Write, Comments: No access)'
		]);
		expect(describeChanges(event, names)[0]!.scopes).toEqual({
			before: 'room:read',
			after: '*:read storage:write comments:none'
		});
	});

	it('says what an added or removed row grants, and the default row’s "No access"', () => {
		const event = {
			action: 'room.access-updated',
			before: room(['*:read'], { ops: ['*:write'] }),
			after: { ...room([], {}, { ada: ['*:write', 'feeds:read'] }), bulkJobId: 'job-1' }
		};
		expect(lines(event)).toEqual([
			'Everyone signed in (default) · Access: Can view → No access',
			'Group Operations · Access: Can edit → —',
			'Ada Lovelace · Access: — → Can edit (Room: Write, Feeds: Read)'
		]);
		expect(describeChanges(event, names).map((line) => line.scopes)).toEqual([
			{ before: '*:read', after: '[] (no access)' },
			{ before: '*:write', after: null },
			{ before: null, after: '*:write feeds:read' }
		]);
		expect(referencedIds(event)).toEqual({ groups: ['ops'], people: ['ada'] });
	});

	it('reads a list rewritten in today’s spelling as the same access', () => {
		const event = { action: 'room.access-updated', before: room(['room:write']), after: room(['*:write']) };
		expect(lines(event)).toEqual([
			"Everyone signed in (default) · Access: Can edit → Can edit, in today's spelling"
		]);
		expect(describeChanges(event, names)[0]!.scopes).toEqual({ before: 'room:write', after: '*:write' });
	});

	it('shows a created room as rows from nothing, with its organization, metadata and preset', () => {
		const event = {
			action: 'room.created',
			before: null,
			after: {
				id: 'design-review',
				organizationId: 'default',
				metadata: { title: 'Design review', tags: ['a', 'b'] },
				...room(['*:read'], { designers: ['*:write'] }),
				preset: 'view'
			}
		};
		expect(lines(event)).toEqual([
			'Everyone signed in (default) · Access: No access → Can view',
			'Group Designers · Access: — → Can edit',
			'Organization: — → default',
			'Metadata title: — → Design review',
			'Metadata tags: — → a, b',
			'Preset: — → Can view'
		]);
	});

	it('shows a deleted room as everything it granted going away', () => {
		const event = { action: 'room.deleted', before: room(['*:write']), after: null };
		expect(lines(event)).toEqual(['Everyone signed in (default) · Access: Can edit → No access']);
	});
});

describe('people, groups and memberships', () => {
	it('lists only the fields that changed', () => {
		const person = {
			name: 'Ada',
			email: 'ada@example.com',
			role: 'member',
			status: 'active',
			avatarUrl: null
		};
		const event = {
			action: 'person.updated',
			before: person,
			after: { ...person, role: 'support', avatarUrl: 'https://example.com/a.png' }
		};
		expect(lines(event)).toEqual(['Role: member → support', 'Avatar URL: — → https://example.com/a.png']);
	});

	it('shows a deleted person’s groups by name and how they signed in', () => {
		const event = {
			action: 'person.deleted',
			before: {
				name: 'Ada',
				groupIds: ['designers', 'gone'],
				signIn: { password: true, providers: ['github'] },
				mustChangePassword: false
			},
			after: null
		};
		expect(referencedIds(event).groups).toEqual(['designers', 'gone']);
		expect(lines(event)).toEqual([
			'Name: Ada → —',
			'Groups: Designers, gone → —',
			'Signs in with: password, github → —',
			'Must change password: no → —'
		]);
	});

	it('says which group a person joined or left', () => {
		expect(lines({ action: 'membership.added', before: null, after: { groupId: 'designers' } })).toEqual([
			'Groups: — → Designers'
		]);
		expect(lines({ action: 'membership.removed', before: { groupId: 'ops' }, after: null })).toEqual([
			'Groups: Operations → —'
		]);
	});

	it('describes a bulk change in a sentence and names fields it has no label for', () => {
		const event = {
			action: 'bulk-job.created',
			before: null,
			after: { change: { kind: 'remove-group', groupId: 'ops' }, selection: '3 rooms chosen', rooms: 3 }
		};
		expect(referencedIds(event).groups).toEqual(['ops']);
		expect(lines(event)).toEqual([
			'Change: — → Remove group Operations',
			'Rooms chosen by: — → 3 rooms chosen',
			'Rooms: — → 3'
		]);
		const setting = {
			action: 'bulk-job.created',
			before: null,
			after: { change: { kind: 'set-group', groupId: 'designers', scopes: ['*:read', 'comments:write'] } }
		};
		expect(lines(setting)).toEqual(['Change: — → Set group Designers to Can comment']);
		expect(describeChanges(setting, names)[0]!.scopes).toEqual({
			before: null,
			after: 'Set group Designers to *:read comments:write'
		});
		expect(
			lines({ action: 'access-request.declined', before: null, after: { declinedReason: 'No' } })
		).toEqual(['Declined reason: — → No']);
	});
});
