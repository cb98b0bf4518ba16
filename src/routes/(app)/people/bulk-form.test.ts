import { describe, expect, it } from 'vitest';
import { stillAsked } from './bulk-form';

describe('a bulk confirmation', () => {
	const asked = { scope: 'selected' as const, ids: ['a', 'b'], group: 'design' };

	it('stands while the form aims at what it counted, ticks in any order', () => {
		expect(stillAsked(asked, { ...asked, ids: ['b', 'a'] })).toBe(true);
	});

	it('is withdrawn by another tick, another group or another scope', () => {
		expect(stillAsked(asked, { ...asked, ids: ['a'] })).toBe(false);
		expect(stillAsked(asked, { ...asked, ids: ['a', 'c'] })).toBe(false);
		expect(stillAsked(asked, { ...asked, group: 'sales' })).toBe(false);
		expect(stillAsked(asked, { ...asked, scope: 'matching' })).toBe(false);
	});

	it('of everyone matching ignores ticks, which it does not apply to', () => {
		const matching = { ...asked, scope: 'matching' as const };
		expect(stillAsked(matching, { ...matching, ids: [] })).toBe(true);
	});
});
