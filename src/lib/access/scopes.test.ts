import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { anyRow, validScopes } from './arbitraries';
import { baseScopes, emptyRow, knownScopes, parseScope, rowToScopes, scopesToRow } from './scopes';
import { validateScopes } from './validate';

/** A valid list as rowToScopes writes it back: the legacy base aliases become *:read / *:write. */
const withoutAliases = (scopes: readonly string[]) =>
	scopes.map((scope) => (Object.hasOwn(baseScopes, scope) ? `*:${baseScopes[scope]}` : scope)).sort();

describe('parseScope', () => {
	it('knows the 3.24 scope set and nothing else', () => {
		expect(knownScopes).toHaveLength(4 + 5 * 3 + 1);
		for (const scope of knownScopes) expect(parseScope(scope)).toBeDefined();
		expect(parseScope('*:write')).toEqual({ resource: 'room', level: 'write' });
		expect(parseScope('room:read')).toEqual({ resource: 'room', level: 'read' });
		expect(parseScope('comments:public:none')).toEqual({ resource: 'comments:public', level: 'none' });
		expect(parseScope('room:presence:write')).toEqual({ resource: 'presence' });
		for (const unknown of [
			'*:none',
			'room:none',
			'storage',
			'storage:admin',
			'comments:secret:read',
			'',
			'toString'
		])
			expect(parseScope(unknown)).toBeUndefined();
	});
});

describe('scopesToRow', () => {
	it('reads the empty list as no base and nothing set', () => {
		expect(scopesToRow([])).toEqual(emptyRow);
	});

	it('reads a base, overrides and the legacy presence scope', () => {
		expect(
			scopesToRow([
				'*:read',
				'storage:write',
				'comments:none',
				'comments:private:read',
				'room:presence:write'
			])
		).toEqual({
			room: 'read',
			storage: 'write',
			comments: 'none',
			'comments:public': 'inherit',
			'comments:private': 'read',
			feeds: 'inherit',
			presence: true
		});
	});

	it('reads the legacy aliases as the base', () => {
		expect(scopesToRow(['room:write']).room).toBe('write');
		expect(scopesToRow(['room:read']).room).toBe('read');
	});

	it('keeps an override equal to the base: it still overrides earlier sources', () => {
		expect(scopesToRow(['*:read', 'storage:read']).storage).toBe('read');
		expect(scopesToRow(['*:read']).storage).toBe('inherit');
	});

	it('reads invalid lists as Liveblocks does: unknown scopes ignored, the highest duplicate wins', () => {
		expect(scopesToRow(['*:read', 'bogus', 'storage:none', 'storage:write', 'storage:read'])).toEqual({
			...emptyRow,
			room: 'read',
			storage: 'write'
		});
		expect(scopesToRow(['*:read', 'room:write']).room).toBe('write');
		expect(scopesToRow(['feeds:read'])).toEqual({ ...emptyRow, feeds: 'read' });
	});
});

describe('rowToScopes', () => {
	it('writes the base first, overrides in resource order, presence last', () => {
		expect(
			rowToScopes({
				room: 'write',
				storage: 'read',
				comments: 'inherit',
				'comments:public': 'none',
				'comments:private': 'inherit',
				feeds: 'write',
				presence: true
			})
		).toEqual(['*:write', 'storage:read', 'comments:public:none', 'feeds:write', 'room:presence:write']);
	});

	it('writes no access as the empty list', () => {
		expect(rowToScopes(emptyRow)).toEqual([]);
	});

	it('writes a row without a base faithfully, as a list validation rejects', () => {
		const scopes = rowToScopes({ ...emptyRow, storage: 'write' });
		expect(scopes).toEqual(['storage:write']);
		expect(validateScopes(scopes, { allowEmpty: true }).map((p) => p.rule)).toEqual(['one-base-scope']);
	});
});

describe('round trips', () => {
	it('scopes -> row -> scopes gives every valid list back (up to order and the legacy aliases)', () => {
		fc.assert(
			fc.property(validScopes, (scopes) => {
				expect(validateScopes(scopes, { allowEmpty: false })).toEqual([]);
				expect([...rowToScopes(scopesToRow(scopes))].sort()).toEqual(withoutAliases(scopes));
			})
		);
	});

	it('row -> scopes -> row gives every row back', () => {
		fc.assert(
			fc.property(anyRow, (row) => {
				expect(scopesToRow(rowToScopes(row))).toEqual(row);
			})
		);
	});

	it('every row with a base gives a valid list', () => {
		fc.assert(
			fc.property(
				anyRow.filter((row) => row.room !== 'none'),
				(row) => {
					expect(validateScopes(rowToScopes(row), { allowEmpty: false })).toEqual([]);
				}
			)
		);
	});
});
