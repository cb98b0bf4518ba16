import { describe, expect, it } from 'vitest';
import {
	emailList,
	groupDetailsSchema,
	groupIdSchema,
	memberAdditionSchema,
	memberRemovalSchema,
	newGroupSchema,
	suggestGroupId
} from './group';

/** Every message, so a form never shows two for one mistake. */
function errorOf(id: string) {
	const result = groupIdSchema.safeParse(id);
	return result.success ? null : result.error.issues.map((issue) => issue.message).join(' / ');
}

describe('groupIdSchema', () => {
	it('accepts lowercase slugs that start with a letter, trimmed', () => {
		for (const id of ['a', 'designers', 'team-42', 'x-', `a${'b'.repeat(63)}`]) {
			expect(groupIdSchema.parse(id)).toBe(id);
		}
		expect(groupIdSchema.parse('  reviewers ')).toBe('reviewers');
	});

	it('explains what is wrong with an id', () => {
		expect(errorOf('')).toBe('Enter an id');
		expect(errorOf('   ')).toBe('Enter an id');
		expect(errorOf('1st-team')).toBe('Start with a lowercase letter');
		expect(errorOf('-team')).toBe('Start with a lowercase letter');
		expect(errorOf('Designers')).toBe('Start with a lowercase letter');
		expect(errorOf('design_team')).toBe('Use only lowercase letters, digits and hyphens');
		expect(errorOf('design team')).toBe('Use only lowercase letters, digits and hyphens');
		expect(errorOf('teamÄ')).toBe('Use only lowercase letters, digits and hyphens');
		expect(errorOf(`a${'b'.repeat(64)}`)).toBe('At most 64 characters');
	});
});

describe('groupDetailsSchema', () => {
	it('trims the name and description and defaults the description to empty', () => {
		expect(groupDetailsSchema.parse({ name: ' Designers ' })).toEqual({ name: 'Designers', description: '' });
		expect(groupDetailsSchema.parse({ name: 'D', description: ' Makes things ' })).toEqual({
			name: 'D',
			description: 'Makes things'
		});
	});

	it('requires a name and limits both fields', () => {
		const result = groupDetailsSchema.safeParse({ name: ' ', description: 'x'.repeat(501) });
		expect(result.success).toBe(false);
		expect(result.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([
			['name', 'Enter a name'],
			['description', 'At most 500 characters']
		]);
		expect(groupDetailsSchema.safeParse({ name: 'x'.repeat(121) }).success).toBe(false);
		expect(groupDetailsSchema.safeParse({ name: 'x', description: 'x'.repeat(500) }).success).toBe(true);
	});
});

describe('newGroupSchema', () => {
	it('adds the id to the details', () => {
		expect(newGroupSchema.parse({ id: 'ops', name: 'Operations' })).toEqual({
			id: 'ops',
			name: 'Operations',
			description: ''
		});
	});
});

describe('suggestGroupId', () => {
	it('turns a name into a valid id', () => {
		expect(suggestGroupId('Design Review (EU)')).toBe('design-review-eu');
		expect(suggestGroupId('  Équipe Zürich  ')).toBe('equipe-zurich');
		expect(suggestGroupId('42 Engineers')).toBe('engineers');
		expect(suggestGroupId('!!!')).toBe('');
		const long = suggestGroupId('word '.repeat(30));
		expect(long.length).toBeLessThanOrEqual(64);
		expect(groupIdSchema.safeParse(long).success).toBe(true);
	});
});

describe('emailList', () => {
	it('splits pasted emails on lines, commas and spaces, once each', () => {
		expect(emailList('a@example.com\r\n\nb@example.com, a@example.com c@example.com ')).toEqual([
			'a@example.com',
			'b@example.com',
			'c@example.com'
		]);
		expect(emailList(' \n ')).toEqual([]);
	});
});

describe('memberAdditionSchema', () => {
	it('accepts picked ids or emails, and asks for someone when both are empty', () => {
		expect(memberAdditionSchema.parse({ personIds: ['p1', 'p2'] })).toEqual({
			personIds: ['p1', 'p2'],
			emails: ''
		});
		expect(memberAdditionSchema.parse({ emails: 'a@example.com' }).emails).toBe('a@example.com');
		const result = memberAdditionSchema.safeParse({ personIds: [], emails: ' \n ' });
		expect(result.error?.issues).toMatchObject([{ path: ['emails'], message: 'Choose at least one person' }]);
	});

	it('adds at most 1,000 people at once', () => {
		const emails = Array.from({ length: 1001 }, (_, n) => `p${n}@example.com`).join('\n');
		expect(memberAdditionSchema.safeParse({ emails }).error?.issues[0]?.message).toBe(
			'Add at most 1,000 people at once'
		);
	});
});

describe('memberRemovalSchema', () => {
	it('asks for a selection', () => {
		expect(memberRemovalSchema.safeParse({ personIds: [] }).error?.issues[0]?.message).toBe(
			'Select the people to remove'
		);
		expect(memberRemovalSchema.parse({ personIds: ['p1'] })).toEqual({ personIds: ['p1'] });
	});
});
