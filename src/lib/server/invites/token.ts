import { createHash, randomBytes } from 'node:crypto';

// 32 random bytes: guessing a live link is infeasible, so the page needs no attempt counter.
const tokenBytes = 32;
/** base64url of 32 bytes, unpadded. */
const tokenPattern = /^[A-Za-z0-9_-]{43}$/;

/** The SHA-256 the database keeps: a leaked table row cannot be turned back into a working link. */
export function hashInviteToken(token: string): string {
	return createHash('sha256').update(token).digest('hex');
}

export function newInviteToken(): { token: string; tokenHash: string } {
	const token = randomBytes(tokenBytes).toString('base64url');
	return { token, tokenHash: hashInviteToken(token) };
}

/** Whether `token` could be one of ours; anything else is refused before the database is asked. */
export function isWellFormedInviteToken(token: string): boolean {
	return tokenPattern.test(token);
}
