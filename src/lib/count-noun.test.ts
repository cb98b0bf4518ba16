import { describe, expect, it } from 'vitest';
import { countNoun } from './count-noun';

describe('countNoun', () => {
	it('agrees in number and groups thousands', () => {
		expect(countNoun(0, 'member')).toBe('0 members');
		expect(countNoun(1, 'member')).toBe('1 member');
		expect(countNoun(1200, 'person', 'people')).toBe('1,200 people');
	});
});
