import { describe, expect, it } from 'vitest';
import { bulkChangeSchema, policyChangeOf } from './bulk-policy';

const parse = (input: Record<string, unknown>) => bulkChangeSchema.safeParse(input);
const errorsOf = (input: Record<string, unknown>) => {
	const result = parse(input);
	return result.success
		? {}
		: Object.fromEntries(result.error.issues.map((i) => [i.path.join('.'), i.message]));
};

describe('bulkChangeSchema', () => {
	it('turns a preset into the entry it names', () => {
		const form = bulkChangeSchema.parse({ kind: 'set-group', groupId: 'ops', preset: 'comment' });
		expect(policyChangeOf(form, '')).toEqual({
			kind: 'set-group',
			groupId: 'ops',
			scopes: ['*:read', 'comments:write']
		});
	});

	it('takes custom levels only when "custom" is chosen', () => {
		const levels = { room: 'write', storage: 'read', feeds: 'none' };
		expect(
			policyChangeOf(bulkChangeSchema.parse({ kind: 'set-default', preset: 'custom', ...levels }), '')
		).toEqual({ kind: 'set-default', scopes: ['*:write', 'storage:read', 'feeds:none'] });
		expect(
			policyChangeOf(bulkChangeSchema.parse({ kind: 'set-default', preset: 'view', ...levels }), '')
		).toEqual({
			kind: 'set-default',
			scopes: ['*:read']
		});
	});

	it('allows a default with no room level, but not an entry', () => {
		expect(parse({ kind: 'set-default', preset: 'custom', room: 'none' }).success).toBe(true);
		expect(errorsOf({ kind: 'set-user', personIds: ['p1'], preset: 'custom', room: 'none' })).toEqual({
			room: 'An entry needs a room level (read or write); to take access away, remove the entry.'
		});
	});

	it('puts each missing piece next to its field', () => {
		expect(errorsOf({ mode: 'rooms', kind: 'remove-group' })).toEqual({
			rooms: 'Tick at least one room on the rooms list.',
			groupId: 'Enter a group id.'
		});
		expect(errorsOf({ kind: 'remove-user' })).toEqual({ personIds: 'Choose a person.' });
		expect(errorsOf({ kind: 'remove-user', personIds: ['a', 'b'] })).toEqual({
			personIds: 'Choose exactly one person.'
		});
		expect(errorsOf({ kind: 'remove-user', personEmails: 'ana@example.com' })).toEqual({});
	});

	it('uses the resolved person for person changes', () => {
		const form = bulkChangeSchema.parse({ kind: 'remove-user', personIds: ['p1'] });
		expect(policyChangeOf(form, 'p1')).toEqual({ kind: 'remove-user', userId: 'p1' });
	});
});
