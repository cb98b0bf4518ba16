import { describe, expect, it } from 'vitest';
import { applyLabel, importSummary } from './import-summary';

describe('importSummary', () => {
	it('counts every row, then says what happens to them, leaving out what happens to none', () => {
		expect(importSummary({ create: 120, update: 6, unchanged: 0, errors: 4 })).toBe(
			'130 rows: 120 to create, 6 to change, 4 with errors.'
		);
		expect(importSummary({ create: 0, update: 0, unchanged: 1, errors: 0 })).toBe('1 row: 1 unchanged.');
		expect(importSummary({ create: 1000, update: 1, unchanged: 2, errors: 0 })).toBe(
			'1,003 rows: 1,000 to create, 1 to change, 2 unchanged.'
		);
	});

	it('says so when there is no row at all', () => {
		expect(importSummary({ create: 0, update: 0, unchanged: 0, errors: 0 })).toBe('No rows to import.');
	});
});

describe('applyLabel', () => {
	it('names both writes, even when one is none', () => {
		expect(applyLabel({ create: 2, update: 0, unchanged: 5, errors: 0 })).toBe('Apply: create 2, change 0');
	});
});
