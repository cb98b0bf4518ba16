// Times as people read them: "1 Dec 2026, 18:14 UTC" with "3 minutes ago" beside it. UTC, so the
// server and the browser render the same text.

const dateTime = new Intl.DateTimeFormat('en-GB', {
	day: 'numeric',
	month: 'short',
	year: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	timeZone: 'UTC'
});
const relative = new Intl.RelativeTimeFormat('en', { numeric: 'auto' });

export function formatDateTime(date: Date): string {
	return `${dateTime.format(date)} UTC`;
}

const units: [Intl.RelativeTimeFormatUnit, number][] = [
	['year', 365 * 24 * 3600],
	['month', 30 * 24 * 3600],
	['week', 7 * 24 * 3600],
	['day', 24 * 3600],
	['hour', 3600],
	['minute', 60]
];

/** "just now", "3 minutes ago", "yesterday", "2 months ago": the largest whole unit. */
export function timeAgo(date: Date, now: Date = new Date()): string {
	const seconds = Math.round((now.getTime() - date.getTime()) / 1000);
	if (Math.abs(seconds) < 60) return 'just now';
	for (const [unit, size] of units) {
		const count = Math.trunc(seconds / size);
		if (count !== 0) return relative.format(-count, unit);
	}
	return 'just now';
}
