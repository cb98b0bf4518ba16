import { describe, expect, it } from 'vitest';
import { normaliseEmail } from '$lib/email';
import { userInfoLimit } from '$lib/identity';
import { personSchema } from './person';

const valid = { name: 'Mia Designer', email: 'Mia@Example.com ', role: 'member', status: 'active' };

function errorsOf(input: Record<string, unknown>) {
	const result = personSchema.safeParse(input);
	if (result.success) return {};
	return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join('.'), issue.message]));
}

describe('personSchema', () => {
	it('normalises the email and turns blank optional fields into null', () => {
		expect(personSchema.parse({ ...valid, avatarUrl: '  ', color: '' })).toEqual({
			name: 'Mia Designer',
			email: 'mia@example.com',
			role: 'member',
			status: 'active',
			avatarUrl: null,
			color: null
		});
	});

	it('normalises emails exactly as normaliseEmail does, so sign-in and imports find what forms saved', () => {
		for (const email of [' Mia@Example.com', 'Elise.Dupont@EXAMPLE.COM\t', 'ok@example.com']) {
			expect(personSchema.parse({ ...valid, email }).email).toBe(normaliseEmail(email));
		}
	});

	it('defaults role and status for a new person', () => {
		expect(personSchema.parse({ name: 'A', email: 'a@example.com' })).toMatchObject({
			role: 'member',
			status: 'active'
		});
	});

	it('explains each invalid field', () => {
		expect(
			errorsOf({
				name: ' ',
				email: 'not-an-email',
				role: 'owner',
				status: 'gone',
				avatarUrl: 'ftp://x',
				color: 'blue'
			})
		).toEqual({
			name: 'Enter a name',
			email: 'Enter a valid email address',
			role: 'Choose admin, support or member',
			status: 'Choose active or deactivated',
			avatarUrl: 'Enter an http(s) URL',
			color: 'Use a colour like #1d4ed8'
		});
	});

	it(`refuses a profile whose Liveblocks userInfo would exceed ${userInfoLimit} characters`, () => {
		const avatarUrl = `https://example.com/${'a'.repeat(1000)}.png`;
		expect(errorsOf({ ...valid, avatarUrl })).toEqual({
			avatarUrl: expect.stringMatching(/userInfo of \d+ characters; the limit is 1024/)
		});
		const justFits = `https://example.com/${'a'.repeat(1024 - 20 - '{"name":"Mia Designer","avatar":""}'.length)}`;
		expect(errorsOf({ ...valid, avatarUrl: justFits })).toEqual({});
	});
});
