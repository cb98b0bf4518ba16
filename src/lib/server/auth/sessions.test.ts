import { describe, expect, it } from 'vitest';
import { sessionExpired } from './sessions';

describe('sessionExpired', () => {
	const signedInAt = Date.UTC(2026, 11, 1, 8, 0, 0);
	const hours = (n: number) => n * 60 * 60 * 1000;

	it('keeps a session until its lifetime from sign-in has passed, however recently it was used', () => {
		expect(sessionExpired({ signedInAt }, signedInAt, 12 * 3600)).toBe(false);
		expect(sessionExpired({ signedInAt }, signedInAt + hours(12) - 1, 12 * 3600)).toBe(false);
		expect(sessionExpired({ signedInAt }, signedInAt + hours(12), 12 * 3600)).toBe(true);
		expect(sessionExpired({ signedInAt }, signedInAt + hours(48), 12 * 3600)).toBe(true);
	});

	it('ends a token that has no sign-in time (issued before sessions had one) or a broken one', () => {
		expect(sessionExpired({}, signedInAt, 12 * 3600)).toBe(true);
		expect(sessionExpired({ signedInAt: Number.NaN }, signedInAt, 12 * 3600)).toBe(true);
		expect(sessionExpired({ signedInAt: '2026-12-01' as never }, signedInAt, 12 * 3600)).toBe(true);
	});
});
