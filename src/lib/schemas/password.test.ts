import { describe, expect, it } from 'vitest';
import { passwordChangeSchema, temporaryPasswordSchema } from './password';

function errorsOf(input: Record<string, unknown>) {
	const result = passwordChangeSchema.safeParse(input);
	if (result.success) return {};
	return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

const valid = { current: 'old password', password: 'a long new password', confirm: 'a long new password' };

describe('passwordChangeSchema', () => {
	it('accepts a new password of 12 characters or more, typed twice', () => {
		expect(passwordChangeSchema.parse(valid)).toEqual({ ...valid, redirectTo: '/' });
	});

	it('asks for the current password and a long enough new one', () => {
		expect(errorsOf({ current: '', password: 'short', confirm: 'short' })).toEqual({
			current: 'Enter your current password',
			password: 'At least 12 characters'
		});
		expect(errorsOf({ ...valid, password: 'x'.repeat(257), confirm: 'x'.repeat(257) })).toEqual({
			password: 'At most 256 characters'
		});
	});

	it('refuses a confirmation that differs and a new password equal to the current one', () => {
		expect(errorsOf({ ...valid, confirm: 'a long new passworD' })).toEqual({
			confirm: 'Type the same new password twice'
		});
		expect(errorsOf({ current: valid.password, password: valid.password, confirm: valid.password })).toEqual({
			password: 'Choose a password different from the current one'
		});
	});
});

describe('temporaryPasswordSchema', () => {
	it('applies the same length rules', () => {
		expect(temporaryPasswordSchema.safeParse({ password: 'twelve chars' }).success).toBe(true);
		expect(temporaryPasswordSchema.safeParse({ password: 'eleven char' }).success).toBe(false);
	});

	it('says what to do about an empty field, and only that', () => {
		const result = temporaryPasswordSchema.safeParse({ password: '' });
		expect(result.error?.issues.map((issue) => issue.message)).toEqual([
			'Type a temporary password, or use Generate to make one'
		]);
	});
});
