import { describe, expect, it } from 'vitest';
import { exportColumns, exportRecord, joinGroups, readHeader, splitGroups } from './people-csv';

describe('readHeader', () => {
	it('maps each column, ignoring case, spaces, dashes and underscores', () => {
		expect(readHeader(['Email', ' name ', 'ROLE', 'Avatar URL', 'co_lor'])).toEqual({
			header: ['email', 'name', 'role', 'avatarUrl', 'color']
		});
	});

	it('accepts the export header, ignoring createdAt', () => {
		expect(
			readHeader(['email', 'name', 'role', 'status', 'groups', 'avatarUrl', 'color', 'createdAt'])
		).toEqual({ header: ['email', 'name', 'role', 'status', 'groups', 'avatarUrl', 'color', null] });
	});

	it('needs an email column', () => {
		expect(readHeader(['name', 'role'])).toEqual({
			problems: ['The first row must name the columns and include “email”, e.g. email,name,role,groups.']
		});
	});

	it('names unknown, unnamed and repeated columns', () => {
		expect(readHeader(['email', 'phone', '', 'Email'])).toEqual({
			problems: [
				'Unknown column “phone”. Known columns: email, name, role, status, groups, avatarUrl, color, createdAt.',
				'Column 3 of the first row has no name.',
				'The column “email” appears twice.'
			]
		});
	});
});

describe('groups cell', () => {
	it('splits on semicolons, trims, drops blanks and repeats', () => {
		expect(splitGroups(' design ; reviewers;;design ')).toEqual(['design', 'reviewers']);
		expect(splitGroups('')).toEqual([]);
	});

	it('joins what it splits', () => {
		expect(splitGroups(joinGroups(['a', 'b']))).toEqual(['a', 'b']);
	});
});

describe('exportRecord', () => {
	const person = {
		email: 'ada@example.com',
		name: 'Ada',
		role: 'member',
		status: 'active',
		groups: ['design', 'reviewers'],
		avatarUrl: null,
		color: '#1d4ed8',
		createdAt: new Date('2026-11-28T13:00:00.000Z')
	};

	it('writes the cells in the order of the export columns, blank for none', () => {
		expect(exportRecord(person)).toEqual([
			'ada@example.com',
			'Ada',
			'member',
			'active',
			'design;reviewers',
			'',
			'#1d4ed8',
			'2026-11-28T13:00:00.000Z'
		]);
	});

	it('defuses cells a spreadsheet would run as a formula', () => {
		const [, name] = exportRecord({ ...person, name: '=HYPERLINK("http://evil.example","click")' });
		expect(name).toBe(`'=HYPERLINK("http://evil.example","click")`);
	});

	it('gives the import a header it reads back', () => {
		expect(readHeader(exportColumns)).toHaveProperty('header');
	});
});
