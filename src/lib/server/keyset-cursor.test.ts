import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeCursor, decodeInstant, encodeCursor, likePattern } from './keyset-cursor';

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

	it('treats a cursor holding a NUL as the first page: no stored key has one, and PostgreSQL refuses it', () => {
		expect(decodeCursor(encodeCursor(['Mia\u0000', 'cm1abc']), 2)).toBeNull();
		expect(decodeCursor(Buffer.from('["a","\\u0000"]').toString('base64url'), 2)).toBeNull();
	});
});

describe('decodeInstant', () => {
	it('reads back every timestamp a cursor was made with', () => {
		const instants = fc.date({
			min: new Date('1000-01-01T00:00:00.000Z'),
			max: new Date('9999-12-31T23:59:59.999Z'),
			noInvalidDate: true
		});
		fc.assert(
			fc.property(instants, (instant) => {
				expect(decodeInstant(instant.toISOString())?.getTime()).toBe(instant.getTime());
			})
		);
	});

	it.each([
		'1',
		'2026',
		'Dec 1 2026',
		'Tue Dec 01 2026 18:14:00 GMT+0100',
		'foo 1',
		'2026-12-01',
		'2026-12-01T18:14Z',
		'2026-12-01T18:14:00.000+01:00',
		'2026-02-30T00:00:00.000Z',
		'2026-12-01T24:00:00.000Z',
		'+275760-09-13T00:00:00.000Z',
		'-271821-04-20T00:00:00.000Z',
		'0000-01-01T00:00:00.000Z',
		' 2026-12-01T18:14:00.000Z',
		'2026-12-01T18:14:00.000Z\u0000'
	])('refuses %j, which Date.parse may accept but PostgreSQL may not', (value) => {
		expect(decodeInstant(value)).toBeNull();
	});

	it('accepts nothing but the exact form toISOString writes', () => {
		fc.assert(
			fc.property(fc.string(), (value) => {
				const instant = decodeInstant(value);
				if (instant) expect(instant.toISOString()).toBe(value);
			})
		);
	});
});

describe('likePattern', () => {
	it('matches anywhere and escapes wildcards', () => {
		expect(likePattern('mia')).toBe('%mia%');
		expect(likePattern('50%_off\\')).toBe('%50\\%\\_off\\\\%');
	});
});
