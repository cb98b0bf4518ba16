import { describe, expect, it } from 'vitest';
import { auditSearch, parseAuditQuery, timeRange } from './audit-query';

const parse = (search: string) => parseAuditQuery(new URLSearchParams(search));

describe('parseAuditQuery', () => {
	it('reads every filter and round-trips through the URL', () => {
		const { query, problems } = parse(
			'actor=c1&target=room:team:design&action=room.access-updated&from=2026-12-01&to=2026-12-01T18:14'
		);
		expect(problems).toEqual([]);
		expect(query).toMatchObject({
			actor: 'c1',
			target: { type: 'room', id: 'team:design' },
			action: 'room.access-updated',
			from: '2026-12-01',
			to: '2026-12-01T18:14'
		});
		expect(parse(auditSearch(query)).query).toEqual(query);
	});

	it('names each filter it cannot read instead of dropping it', () => {
		const { problems } = parse('target=planet:mars&action=person.active&from=2026-02-30&to=yesterday');
		expect(problems).toEqual([
			'“planet:mars” is not something the log is about: use person:<id>, group:<id> or room:<id>.',
			'The log records no action called “person.active”.',
			'“2026-02-30” is not a from time: write 2026-12-01 or 2026-12-01T18:14 (UTC).',
			'“yesterday” is not a to time: write 2026-12-01 or 2026-12-01T18:14 (UTC).'
		]);
	});

	it('refuses a range that ends before it starts, and ignores a tampered cursor', () => {
		expect(parse('from=2026-12-02&to=2026-12-01').problems).toEqual([
			'The time range ends before it starts.'
		]);
		expect(parse('after=%3Cscript%3E').query.after).toBeNull();
	});

	it('names a time whose end PostgreSQL could not read instead of querying with it', () => {
		expect(parse('to=9999-12-31').problems).toEqual([
			'“9999-12-31” is not a to time: write 2026-12-01 or 2026-12-01T18:14 (UTC).'
		]);
		expect(parse('from=9999-12-31T23:58').problems).toEqual([]);
	});
});

describe('timeRange', () => {
	it('includes the whole last day or minute', () => {
		expect(timeRange({ from: '2026-12-01', to: '2026-12-01' })).toEqual({
			since: new Date('2026-12-01T00:00:00Z'),
			until: new Date('2026-12-02T00:00:00Z')
		});
		expect(timeRange({ from: null, to: '2026-12-31T23:59' }).until).toEqual(new Date('2027-01-01T00:00:00Z'));
	});
});
