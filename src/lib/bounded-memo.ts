/**
 * A map that keeps at most `capacity` entries, dropping the least recently used one first, so a
 * memo of request-derived keys cannot grow with the number of distinct requests.
 */
export class BoundedMemo<K, V> {
	readonly #entries = new Map<K, V>();
	readonly #capacity: number;

	constructor(capacity: number) {
		if (!Number.isInteger(capacity) || capacity < 1)
			throw new RangeError('capacity must be a positive integer');
		this.#capacity = capacity;
	}

	get size(): number {
		return this.#entries.size;
	}

	/** The value for `key`, which then counts as the most recently used. */
	get(key: K): V | undefined {
		const value = this.#entries.get(key);
		if (value === undefined) return undefined;
		// A Map iterates in insertion order: re-inserting moves the key to the recent end.
		this.#entries.delete(key);
		this.#entries.set(key, value);
		return value;
	}

	set(key: K, value: V): void {
		this.#entries.delete(key);
		this.#entries.set(key, value);
		if (this.#entries.size > this.#capacity) {
			this.#entries.delete(this.#entries.keys().next().value as K);
		}
	}

	delete(key: K): void {
		this.#entries.delete(key);
	}
}
