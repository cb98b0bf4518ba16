/**
 * Keyset paging: a page ends at a row's sort key, and the next page starts after it. The key
 * travels in a link as an opaque string; a tampered or stale one simply starts from the beginning.
 */
export function encodeCursor(key: readonly string[]): string {
	return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodeCursor(cursor: string | null | undefined, length: number): string[] | null {
	if (!cursor) return null;
	try {
		const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
		// A NUL cannot be in any stored key (PostgreSQL text refuses it) and would fail the query.
		const valid =
			Array.isArray(key) &&
			key.length === length &&
			key.every((part) => typeof part === 'string' && !part.includes('\u0000'));
		return valid ? key : null;
	} catch {
		return null;
	}
}

const isoInstant = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * A cursor's timestamp, only in the form `toISOString()` wrote it, else null (the first page).
 * `Date.parse` accepts far more than PostgreSQL does (`1`, `Dec 1 x`, `+275760-09-13T00:00Z`,
 * years before 4713 BC), and such a value would fail the query instead of starting over.
 */
export function decodeInstant(value: string): Date | null {
	if (!isoInstant.test(value)) return null;
	const instant = new Date(value);
	return !Number.isNaN(instant.getTime()) && instant.toISOString() === value ? instant : null;
}

/** Escapes LIKE wildcards so a search for "50%" finds exactly that text. */
export function likeEscape(search: string): string {
	return search.replace(/[\\%_]/g, '\\$&');
}

/** A LIKE pattern for `search` anywhere in the text. */
export function likePattern(search: string): string {
	return `%${likeEscape(search)}%`;
}
