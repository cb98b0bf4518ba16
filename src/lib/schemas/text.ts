import { z } from 'zod';

export const nulMessage = 'Remove the invisible NUL character';

/** PostgreSQL text (and jsonb) cannot hold U+0000; one reaching a query fails the whole request. */
export function hasNul(value: string): boolean {
	return value.includes('\u0000');
}

/**
 * `z.string()` for every text that may reach the database, the first check of the chain, so a
 * NUL is refused with a message next to its field instead of failing in PostgreSQL. Every schema
 * in $lib/schemas builds its strings with it (a test keeps it so).
 */
export function text() {
	return z.string().refine((value) => !hasNul(value), { error: nulMessage, abort: true });
}
