/**
 * Times as people read them: "1 Dec 2026, 18:14 UTC" with "3 minutes ago" beside it (see
 * $lib/components/Time.svelte). In UTC, and saying so, so the server and the browser write the
 * same text and the audit filters (UTC too) agree with it. Never `toLocaleString`: "01/12/2026"
 * reads as January in some places and December in others.
 */
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (value: number) => String(value).padStart(2, '0');

export function formatTime(date: Date): string {
	return `${date.getUTCDate()} ${months[date.getUTCMonth()]} ${date.getUTCFullYear()}, ${two(date.getUTCHours())}:${two(date.getUTCMinutes())} UTC`;
}

/** `2026-12-01T18:14`, the value of a datetime-local field and of the audit filters. */
export function minuteValue(date: Date): string {
	return date.toISOString().slice(0, 16);
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
	['year', 365 * 24 * 3600],
	['month', 30 * 24 * 3600],
	['week', 7 * 24 * 3600],
	['day', 24 * 3600],
	['hour', 3600],
	['minute', 60]
];
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

/** "just now", "3 minutes ago", "yesterday", "in 2 days", seen from `now`. */
export function relativeTime(date: Date, now: Date): string {
	const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
	if (Math.abs(seconds) < 60) return 'just now';
	for (const [unit, size] of units) {
		if (Math.abs(seconds) >= size) return relative.format(-Math.trunc(seconds / size), unit);
	}
	return 'just now';
}

/** "in 12 minutes", "in 1 minute": how long until `when`, rounded up so waiting that long is enough. */
export function tryAgainIn(when: Date, now: Date): string {
	const minutes = Math.max(1, Math.ceil((when.getTime() - now.getTime()) / 60_000));
	return `in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`;
}
