import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, likePattern } from './keyset-cursor';

describe('keyset cursors', () => {
	it('round-trips a sort key, whatever it contains', () => {
		const key = ['Zoë "Z" O\'Neil, 50%', 'cm1abc'];
		expect(decodeCursor(encodeCursor(key), 2)).toEqual(key);
	});

	it('treats a missing, tampered or mis-shaped cursor as the first page', () => {
		expect(decodeCursor(null, 2)).toBeNull();
		expect(decodeCursor('', 2)).toBeNull();
		expect(decodeCursor('%%%not base64', 2)).toBeNull();
		expect(decodeCursor(encodeCursor(['only one']), 2)).toBeNull();
		expect(decodeCursor(Buffer.from('[1, 2]').toString('base64url'), 2)).toBeNull();
		expect(decodeCursor(Buffer.from('{"a":1}').toString('base64url'), 2)).toBeNull();
	});
});

describe('likePattern', () => {
	it('matches anywhere and escapes wildcards', () => {
		expect(likePattern('mia')).toBe('%mia%');
		expect(likePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
	});
});
