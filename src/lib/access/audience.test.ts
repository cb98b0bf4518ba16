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
		expect(audience.ownEntries.get('ana')?.levels.room).toBe('read');
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
		expect(selectAudience(audience, { level: 'Can comment', everyone: false })).toMatchObject({
			classes: [['ops']],
			ownEntryIds: [],
			count: 1
		});
		expect(selectAudience(audience, { level: null, everyone: false })).toMatchObject({
			classes: [['design'], ['ops']],
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
		expect(selectAudience(audience, { level: null, everyone: false }).classes).toEqual([['design']]);
		expect(selectAudience(audience, { level: null, everyone: true }).count).toBe(8);
	});

	it('ignores an own entry of a person who has none, even when ids collide', () => {
		const access = accessOf(room, { id: 'ana', groups: ['design'], ownEntry: false });
		expect(access.levels.room).toBe('write');
	});
});
