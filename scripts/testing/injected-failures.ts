// Test doubles that only inject failures: everything else goes to the real database or Liveblocks.
import type { Liveblocks } from '@liveblocks/node';
import type { Database } from '../../src/lib/server/prisma-client';

/** The real database, except that every interactive transaction fails. */
export function withFailingTransactions(db: Database): Database {
	return new Proxy(db, {
		get: (target, property) =>
			property === '$transaction'
				? () => Promise.reject(new Error('injected: the database went away'))
				: Reflect.get(target, property, target)
	});
}

/** The real Liveblocks client, except that the named methods fail as if Liveblocks did not answer. */
export function withFailingCalls(client: Liveblocks, methods: readonly (keyof Liveblocks)[]): Liveblocks {
	return new Proxy(client, {
		get: (target, property) =>
			methods.includes(property as keyof Liveblocks)
				? () => Promise.reject(new TypeError('fetch failed', { cause: new Error('injected: no answer') }))
				: // Bound to the client itself: its methods use private fields, which a proxy does not have.
					Reflect.get(target, property, target).bind(target)
	});
}
