import { describe, expect, it } from 'vitest';
import { formatTime, minuteValue, relativeTime, tryAgainIn } from './time';

describe('formatTime', () => {
	it('writes the day, month name, year and 24-hour UTC time, saying the zone', () => {
		expect(formatTime(new Date('2026-12-01T18:14:59Z'))).toBe('1 Dec 2026, 18:14 UTC');
		expect(formatTime(new Date('2027-01-09T03:05:00Z'))).toBe('9 Jan 2027, 03:05 UTC');
	});
	it('gives the minute for time fields', () => {
		expect(minuteValue(new Date('2026-12-01T18:14:59Z'))).toBe('2026-12-01T18:14');
	});
});

describe('relativeTime', () => {
	const now = new Date('2026-12-01T18:14:00Z');
	const ago = (seconds: number) => relativeTime(new Date(now.getTime() - seconds * 1000), now);
	it('says how long ago in the largest whole unit', () => {
		expect(ago(10)).toBe('just now');
		expect(ago(60)).toBe('1 minute ago');
		expect(ago(3 * 60 + 30)).toBe('3 minutes ago');
		expect(ago(2 * 3600)).toBe('2 hours ago');
		expect(ago(24 * 3600)).toBe('yesterday');
		expect(ago(3 * 7 * 24 * 3600)).toBe('3 weeks ago');
		expect(ago(400 * 24 * 3600)).toBe('last year');
	});
	it('says how long until a time to come', () => {
		expect(ago(-3 * 60)).toBe('in 3 minutes');
		expect(ago(-24 * 3600)).toBe('tomorrow');
		expect(ago(-2 * 24 * 3600 - 60)).toBe('in 2 days');
	});
});

describe('tryAgainIn', () => {
	const now = new Date('2026-12-01T18:14:00Z');
	const after = (seconds: number) => tryAgainIn(new Date(now.getTime() + seconds * 1000), now);
	it('says the whole minutes to wait, rounded up so that waiting them is enough', () => {
		expect(after(15 * 60)).toBe('in 15 minutes');
		expect(after(14 * 60 + 1)).toBe('in 15 minutes');
		expect(after(61)).toBe('in 2 minutes');
		expect(after(60)).toBe('in 1 minute');
	});
	it('never says less than a minute, even when the time has just passed', () => {
		expect(after(5)).toBe('in 1 minute');
		expect(after(-5)).toBe('in 1 minute');
	});
});
