import { validatePermissionsSet } from '@liveblocks/core';
import { describe, expect, it } from 'vitest';
import { randomWorld, sourcesThatApply } from './random-access';

const world = randomWorld({ seed: 20261128, tag: 't', rooms: 1000 });

describe('randomWorld', () => {
	it('makes only scope lists Liveblocks accepts (the default may also be empty)', () => {
		for (const { accesses } of world.rooms) {
			const lists = [...Object.values(accesses.groupsAccesses), ...Object.values(accesses.usersAccesses)];
			if (accesses.defaultAccesses.length > 0) lists.push(accesses.defaultAccesses);
			for (const scopes of lists) expect(validatePermissionsSet(scopes), scopes.join(' ')).toBe(true);
		}
	});

	it('is the same world for the same seed, another for another seed', () => {
		expect(randomWorld({ seed: 20261128, tag: 't', rooms: 1000 })).toEqual(world);
		expect(randomWorld({ seed: 7, tag: 't', rooms: 1000 })).not.toEqual(world);
	});

	it('builds each room around its person so that every aim is met', () => {
		for (const room of world.rooms) {
			const sources = sourcesThatApply(room.accesses, room.person);
			if (room.aim === 'refused') {
				expect(sources).toBe('default-only');
				expect(room.accesses.defaultAccesses).toEqual([]);
			} else {
				expect(sources).toBe(room.aim);
			}
		}
		const aims = new Set(world.rooms.map((room) => room.aim));
		expect(aims.size).toBe(4);
	});

	it('keeps entries within 0–4 groups and 0–3 people from the pool', () => {
		const groups = new Set(world.groupIds);
		const people = new Set(world.people.map((p) => p.id));
		for (const { accesses } of world.rooms) {
			expect(Object.keys(accesses.groupsAccesses).length).toBeLessThanOrEqual(4);
			expect(Object.keys(accesses.usersAccesses).length).toBeLessThanOrEqual(3);
			for (const id of Object.keys(accesses.groupsAccesses)) expect(groups.has(id)).toBe(true);
			for (const id of Object.keys(accesses.usersAccesses)) expect(people.has(id)).toBe(true);
		}
	});

	it('uses every base scope, resource override and the legacy presence scope somewhere', () => {
		const seen = new Set(
			world.rooms.flatMap(({ accesses }) => [
				...accesses.defaultAccesses,
				...Object.values(accesses.groupsAccesses).flat(),
				...Object.values(accesses.usersAccesses).flat()
			])
		);
		expect(seen.size).toBe(4 + 5 * 3 + 1);
	});
});
