import { describe, expect, it } from 'vitest';
import { formatDateTime, timeAgo } from './time';

describe('times', () => {
	it('read as a day, a short month and a 24-hour UTC time', () => {
		expect(formatDateTime(new Date('2026-12-01T18:14:59Z'))).toBe('1 Dec 2026, 18:14 UTC');
	});

	it('say how long ago in the largest whole unit', () => {
		const now = new Date('2026-12-01T18:00:00Z');
		const ago = (seconds: number) => timeAgo(new Date(now.getTime() - seconds * 1000), now);
		expect(ago(20)).toBe('just now');
		expect(ago(3 * 60 + 10)).toBe('3 minutes ago');
		expect(ago(2 * 3600)).toBe('2 hours ago');
		expect(ago(26 * 3600)).toBe('yesterday');
		expect(ago(65 * 24 * 3600)).toBe('2 months ago');
	});
});
