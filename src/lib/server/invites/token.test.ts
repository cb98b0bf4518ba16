import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hashInviteToken, isWellFormedInviteToken, newInviteToken } from './token';

describe('invite tokens', () => {
	it('are 32 random bytes in base64url, kept as their SHA-256', () => {
		const { token, tokenHash } = newInviteToken();
		expect(Buffer.from(token, 'base64url')).toHaveLength(32);
		expect(isWellFormedInviteToken(token)).toBe(true);
		expect(tokenHash).toBe(createHash('sha256').update(token).digest('hex'));
		expect(hashInviteToken(token)).toBe(tokenHash);
		expect(newInviteToken().token).not.toBe(token);
	});

	it('refuses anything else as malformed', () => {
		const { token } = newInviteToken();
		for (const bad of [
			'',
			token.slice(1),
			`${token}A`,
			`${token.slice(1)}=`,
			`${token.slice(1)}+`,
			' '.repeat(43)
		]) {
			expect(isWellFormedInviteToken(bad), bad).toBe(false);
		}
	});
});
