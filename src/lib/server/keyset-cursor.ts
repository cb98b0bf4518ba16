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
		const valid =
			Array.isArray(key) && key.length === length && key.every((part) => typeof part === 'string');
		return valid ? key : null;
	} catch {
		return null;
	}
}

/** Escapes LIKE wildcards so a search for "50%" finds exactly that text. */
export function likePattern(search: string): string {
	return `%${search.replace(/[\\%_]/g, '\\$&')}%`;
}
