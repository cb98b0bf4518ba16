import { describe, expect, it } from 'vitest';
import { accessRequestSchema, approvalLevelSchema, approvalSchema, declineSchema } from './access-request';

const problems = (result: { success: boolean; error?: { issues: { message: string }[] } }) =>
	result.success ? [] : result.error!.issues.map((issue) => issue.message);

describe('access request forms', () => {
	it('take an optional message of at most 500 characters, trimmed', () => {
		expect(accessRequestSchema.parse({})).toEqual({ message: '' });
		expect(accessRequestSchema.parse({ message: '  for the launch review  ' })).toEqual({
			message: 'for the launch review'
		});
		expect(problems(accessRequestSchema.safeParse({ message: 'x'.repeat(500) }))).toEqual([]);
		expect(problems(accessRequestSchema.safeParse({ message: 'x'.repeat(501) }))).toEqual([
			'At most 500 characters'
		]);
	});

	it('grant only the three presets a person row offers', () => {
		expect(['view', 'comment', 'edit'].map((level) => approvalLevelSchema.parse(level))).toEqual([
			'view',
			'comment',
			'edit'
		]);
		expect(problems(approvalLevelSchema.safeParse('private'))).toEqual(['Choose what they may do']);
	});

	it('decline only with a reason, since the person reads it', () => {
		expect(problems(declineSchema.safeParse({ reason: '   ' }))).toEqual([
			'Say why, so they know what to do next'
		]);
		expect(problems(declineSchema.safeParse({ reason: 'x'.repeat(501) }))).toEqual([
			'At most 500 characters'
		]);
		expect(declineSchema.parse({ reason: ' Ask your team lead ' })).toEqual({ reason: 'Ask your team lead' });
	});
});

describe('an approval confirmation', () => {
	const loaded = { defaultAccesses: [], groupsAccesses: { ops: ['*:read'] }, usersAccesses: {} };

	it('carries the level and the accesses its preview was computed from', () => {
		expect(approvalSchema.parse({ level: 'edit', loaded: JSON.stringify(loaded) })).toEqual({
			level: 'edit',
			loaded
		});
	});

	it('is refused when the accesses are not JSON or not a room’s accesses', () => {
		for (const text of ['{not json', JSON.stringify({ defaultAccesses: 'x' })])
			expect(problems(approvalSchema.safeParse({ level: 'edit', loaded: text }))).toEqual([
				'The preview was unreadable. Preview the approval again.'
			]);
	});
});
