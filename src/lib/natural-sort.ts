/**
 * Names in the order a person expects: "User 2" before "User 10", "anna" beside "Anna". For
 * lists read whole (choices, a person's groups); the keyset-paged lists keep the database's
 * order (decision 030).
 */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function compareNames(a: string, b: string): number {
	return collator.compare(a, b);
}

/** A copy sorted by name, ties by id so the order is the same on every load. */
export function sortByName<T extends { id: string; name: string }>(items: readonly T[]): T[] {
	return [...items].sort((a, b) => compareNames(a.name, b.name) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
