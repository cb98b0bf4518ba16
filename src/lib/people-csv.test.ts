import { describe, expect, it } from 'vitest';
import { joinGroups, readHeader, splitGroups } from './people-csv';

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
