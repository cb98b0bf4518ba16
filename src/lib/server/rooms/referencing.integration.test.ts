import { describe, expect, it } from 'vitest';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { roomsReferencingGroup } from './referencing';

const database = useMigratedDatabase('rooms_referencing');

async function room(id: string, groupsAccesses: Record<string, string[]>) {
	await database.db.room.create({
		data: {
			id,
			organizationId: 'default',
			groupsAccesses,
			searchText: id,
			createdAt: new Date()
		}
	});
}

describe('roomsReferencingGroup', () => {
	it('lists the rooms whose group accesses name the group, and only those', async () => {
		await room('b-room', { designers: ['room:write'], engineers: ['room:read'] });
		await room('a-room', { designers: ['room:read'] });
		await room('c-room', { engineers: ['room:write'] });
		await room('d-room', {});
		expect(await roomsReferencingGroup(database.db, 'designers')).toEqual(['a-room', 'b-room']);
		expect(await roomsReferencingGroup(database.db, 'design')).toEqual([]);
	});
});
