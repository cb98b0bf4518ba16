import { describe, expect, it } from 'vitest';
import { BoundedMemo } from './bounded-memo';

describe('BoundedMemo', () => {
	it('keeps at most its capacity, dropping the least recently used entry', () => {
		const memo = new BoundedMemo<string, number>(2);
		memo.set('a', 1);
		memo.set('b', 2);
		expect(memo.get('a')).toBe(1); // a is now the most recent
		memo.set('c', 3);
		expect(memo.size).toBe(2);
		expect(memo.get('b')).toBeUndefined();
		expect(memo.get('a')).toBe(1);
		expect(memo.get('c')).toBe(3);
	});

	it('replaces a value without growing, and forgets deleted keys', () => {
		const memo = new BoundedMemo<string, number>(2);
		memo.set('a', 1);
		memo.set('a', 2);
		expect(memo.size).toBe(1);
		expect(memo.get('a')).toBe(2);
		memo.delete('a');
		expect(memo.get('a')).toBeUndefined();
	});

	it('refuses a capacity that could not hold anything', () => {
		expect(() => new BoundedMemo(0)).toThrow(RangeError);
	});
});
