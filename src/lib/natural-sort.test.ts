import { describe, expect, it } from 'vitest';
import { compareNames, sortByName } from './natural-sort';

describe('sortByName', () => {
	it('puts numbers in names in number order, not text order', () => {
		const names = ['User 10', 'User 100', 'User 2', 'User 1'].map((name, i) => ({ id: `p${i}`, name }));
		expect(sortByName(names).map((person) => person.name)).toEqual([
			'User 1',
			'User 2',
			'User 10',
			'User 100'
		]);
	});
	it('ignores case and accents, and breaks ties by id', () => {
		const people = [
			{ id: 'b', name: 'Zoë' },
			{ id: 'c', name: 'anna' },
			{ id: 'a', name: 'Anna' },
			{ id: 'd', name: 'Bob' }
		];
		expect(sortByName(people).map((person) => person.id)).toEqual(['a', 'c', 'd', 'b']);
	});
	it('leaves the list it was given as it was', () => {
		const people = [
			{ id: 'a', name: 'B' },
			{ id: 'b', name: 'A' }
		];
		sortByName(people);
		expect(people[0]!.name).toBe('B');
	});
});

describe('compareNames', () => {
	it('compares number runs by value', () => {
		expect(compareNames('Room 9', 'Room 10')).toBeLessThan(0);
		expect(compareNames('Team 2 B', 'Team 2 A')).toBeGreaterThan(0);
	});
});
