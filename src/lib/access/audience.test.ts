import { describe, expect, it } from 'vitest';
import { accessOf, classKey, resolveAudience, selectAudience } from './audience';
import type { RoomAccesses } from './scopes';

const room: RoomAccesses = {
	defaultAccesses: [],
	groupsAccesses: { design: ['room:write'], ops: ['room:read', 'comments:write'], empty: [] },
	usersAccesses: { ana: ['room:read'] }
};

describe('a room audience by class', () => {
	it('keys a class by its groups whatever their order', () => {
		expect(classKey(['ops', 'design'])).toBe(classKey(['design', 'ops']));
		expect(classKey([])).not.toBe(classKey(['design']));
	});

	it('resolves each class once, moves own-entry people out of their class and counts per summary', () => {
		const audience = resolveAudience(room, {
			classes: [
				{ groups: ['design'], count: 3 },
				{ groups: ['ops'], count: 2 },
				{ groups: ['empty'], count: 4 }
			],
			defaultCount: 10,
			ownEntries: [{ id: 'ana', groups: ['design'] }]
		});
		// Ana's own entry reads, but her group Designers writes: an own entry overrides per resource.
		expect(audience.ownEntries.get('ana')?.access.levels.room).toBe('read');
		expect(audience.counts).toEqual({ 'Can edit': 2, 'Can comment': 2, 'Can view': 1 });
		expect(audience.classes.find((c) => classKey(c.groups) === classKey(['design']))?.count).toBe(2);
	});

	it('selects the classes and own entries a level lists; nobody in the default class when it lets no one in', () => {
		const audience = resolveAudience(room, {
			classes: [
				{ groups: ['design'], count: 1 },
				{ groups: ['ops'], count: 1 }
			],
			defaultCount: 5,
			ownEntries: [{ id: 'ana', groups: [] }]
		});
		expect(selectAudience(audience, { level: 'Can comment', group: null, everyone: false })).toMatchObject({
			classes: [{ groups: ['ops'], count: 1 }],
			ownEntryIds: [],
			count: 1
		});
		expect(selectAudience(audience, { level: null, group: null, everyone: false })).toMatchObject({
			classes: [
				{ groups: ['design'], count: 1 },
				{ groups: ['ops'], count: 1 }
			],
			ownEntryIds: ['ana'],
			allOwnEntryIds: ['ana'],
			count: 3
		});
	});

	it('lists only people whose access differs when the default lets everyone in, unless asked for all', () => {
		const open = {
			...room,
			defaultAccesses: ['room:read'],
			groupsAccesses: { viewers: ['room:read'], design: ['room:write'] }
		};
		const audience = resolveAudience(open, {
			classes: [
				{ groups: ['viewers'], count: 2 },
				{ groups: ['design'], count: 1 }
			],
			defaultCount: 5,
			ownEntries: []
		});
		expect(selectAudience(audience, { level: null, group: null, everyone: false }).classes).toEqual([
			{ groups: ['design'], count: 1 }
		]);
		expect(selectAudience(audience, { level: null, group: null, everyone: true }).count).toBe(8);
		expect(selectAudience(audience, { level: null, group: 'viewers', everyone: true }).count).toBe(2);
		// A group the room does not name: the query tests membership, the classes cannot.
		expect(selectAudience(audience, { level: null, group: 'elsewhere', everyone: true })).toMatchObject({
			count: 8,
			memberOf: 'elsewhere'
		});
	});

	it('ignores an own entry of a person who has none, even when ids collide', () => {
		const access = accessOf(room, { id: 'ana', groups: ['design'], ownEntry: false });
		expect(access.levels.room).toBe('write');
	});
});
