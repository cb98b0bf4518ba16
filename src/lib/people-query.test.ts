import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	defaultPeopleQuery,
	filterOf,
	isFiltered,
	isShortSearch,
	parsePeopleQuery,
	peopleSearch,
	sortedBy,
	type PeopleQuery
} from './people-query';

const parse = (search: string) => parsePeopleQuery(new URLSearchParams(search));

describe('parsePeopleQuery', () => {
	it('gives the default list for no parameters', () => {
		expect(parse('')).toEqual(defaultPeopleQuery);
	});

	it('reads every part of the state', () => {
		expect(
			parse(
				'q=%20Mia%20&role=support&status=deactivated&group=design&sort=created&dir=desc&size=100&after=abc_-1'
			)
		).toEqual({
			q: 'Mia',
			role: 'support',
			status: 'deactivated',
			group: 'design',
			sort: 'created',
			dir: 'desc',
			size: 100,
			after: 'abc_-1',
			before: null
		});
	});

	it('replaces each invalid value by its default and keeps the valid ones', () => {
		expect(
			parse(
				'q=ok&role=owner&status=gone&group=%20&sort=age&dir=up&size=7&after=not%20a%20cursor&before=%3C%3E'
			)
		).toEqual({ ...defaultPeopleQuery, q: 'ok' });
		expect(parse('size=abc').size).toBe(50);
		expect(parse('size=25.0').size).toBe(25);
		expect(parse('role=').role).toBeNull();
	});

	it('cuts an overlong search rather than refusing it', () => {
		expect(parse(`q=${'x'.repeat(500)}`).q).toHaveLength(100);
	});

	it('follows `after` when a link carries both cursors', () => {
		expect(parse('after=a&before=b')).toMatchObject({ after: 'a', before: null });
		expect(parse('before=b')).toMatchObject({ after: null, before: 'b' });
	});

	it('takes the first of repeated parameters', () => {
		expect(parse('role=admin&role=member').role).toBe('admin');
	});

	it('never throws, whatever the URL holds', () => {
		fc.assert(
			fc.property(
				fc.dictionary(fc.constantFrom(...Object.keys(defaultPeopleQuery), 'x'), fc.string()),
				(raw) => {
					const query = parsePeopleQuery(new URLSearchParams(raw));
					expect(Object.keys(query).sort()).toEqual(Object.keys(defaultPeopleQuery).sort());
				}
			)
		);
	});
});

describe('peopleSearch', () => {
	it('leaves out defaults, so the plain list is just /people', () => {
		expect(peopleSearch(defaultPeopleQuery)).toBe('');
		expect(peopleSearch({ ...defaultPeopleQuery, q: 'mia', group: 'design' })).toBe('q=mia&group=design');
	});

	it('round-trips through parsePeopleQuery', () => {
		const query = fc.record({
			q: fc.string({ maxLength: 100 }).map((q) => q.trim()),
			role: fc.constantFrom(null, 'admin', 'support', 'member'),
			status: fc.constantFrom(null, 'active', 'deactivated'),
			group: fc.option(fc.stringMatching(/^[a-z0-9-]{1,20}$/), { nil: null }),
			sort: fc.constantFrom('name', 'email', 'created'),
			dir: fc.constantFrom('asc', 'desc'),
			size: fc.constantFrom(25, 50, 100),
			after: fc.option(fc.stringMatching(/^[\w-]{1,40}$/), { nil: null }),
			before: fc.constant(null)
		}) as fc.Arbitrary<PeopleQuery>;
		fc.assert(
			fc.property(query, (q) => {
				expect(parse(peopleSearch(q))).toEqual(q);
			})
		);
	});
});

describe('sortedBy', () => {
	const paged: PeopleQuery = { ...defaultPeopleQuery, q: 'mia', after: 'cursor' };

	it('starts a new column ascending, but the newest first for "created", from the first page', () => {
		expect(sortedBy(paged, 'email')).toEqual({ ...paged, sort: 'email', dir: 'asc', after: null });
		expect(sortedBy(paged, 'created')).toMatchObject({ sort: 'created', dir: 'desc', after: null });
	});

	it('flips the direction of the current column', () => {
		expect(sortedBy(paged, 'name')).toMatchObject({ sort: 'name', dir: 'desc' });
		expect(sortedBy({ ...paged, dir: 'desc' }, 'name')).toMatchObject({ sort: 'name', dir: 'asc' });
	});
});

describe('filters', () => {
	it('are the query without its order and page', () => {
		const query: PeopleQuery = { ...defaultPeopleQuery, q: 'a', group: 'g', sort: 'email', after: 'c' };
		expect(filterOf(query)).toEqual({
			q: 'a',
			role: null,
			status: null,
			group: 'g'
		});
	});

	it('know when anything narrows the list', () => {
		expect(isFiltered(defaultPeopleQuery)).toBe(false);
		expect(isFiltered({ ...defaultPeopleQuery, status: 'active' })).toBe(true);
	});
});

describe('isShortSearch', () => {
	it('is 1 or 2 characters with a letter or digit, counted as characters rather than UTF-16 units', () => {
		expect(['a', 'Wu', 'å', '5', "o'", '-a', '😀a'].map(isShortSearch)).toEqual(Array(7).fill(true));
		expect(['', 'ada', '%', '@.', '😀'].map(isShortSearch)).toEqual(Array(5).fill(false));
	});
});
