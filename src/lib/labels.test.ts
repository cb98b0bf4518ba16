import { describe, expect, it } from 'vitest';
import { resolveEffectiveAccess } from '$lib/access';
import { accessSummary, ruleLabel } from './labels';

const person = { userId: 'mia', groupIds: ['designers'] };
const summaryOf = (defaultAccesses: string[], groupScopes: string[] = []) =>
	accessSummary(
		resolveEffectiveAccess(
			{ defaultAccesses, groupsAccesses: { designers: groupScopes }, usersAccesses: {} },
			person
		)
	);

describe('accessSummary', () => {
	it('names what getSelf() will report, strongest first', () => {
		expect(summaryOf([])).toBe('No access');
		expect(summaryOf(['*:read'])).toBe('Can view');
		expect(summaryOf(['*:read', 'comments:write'])).toBe('Can comment');
		expect(summaryOf(['*:read'], ['*:write'])).toBe('Can edit');
		// Writing everything but storage is not editing the room's content.
		expect(summaryOf(['*:write', 'storage:read'])).toBe('Can comment');
	});
});

describe('ruleLabel', () => {
	it('says which entry decided, with the group name', () => {
		expect(ruleLabel({ kind: 'group', groupId: 'designers' }, () => 'Designers')).toBe('Group Designers');
		expect(ruleLabel({ kind: 'default' })).toBe('Everyone signed in (default)');
		expect(ruleLabel({ kind: 'user' })).toBe('Own entry');
	});
});
