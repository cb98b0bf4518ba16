import { afterAll, beforeAll } from 'vitest';
import { applyMigrations } from '../services/migrate';
import { useTestDatabase } from '../services/test-postgres';
import { connectDatabase, type Database } from '../../src/lib/server/prisma-client';

/**
 * A fresh database with every migration applied, and a Prisma client on it, for the tests of one
 * file. Read the fields inside tests and hooks.
 */
export function useMigratedDatabase(label: string): { readonly url: string; readonly db: Database } {
	const database = useTestDatabase(label);
	let db: Database | undefined;
	beforeAll(async () => {
		await applyMigrations(database.url);
		db = connectDatabase(database.url);
	});
	afterAll(() => db?.$disconnect());
	return {
		get url() {
			return database.url;
		},
		get db() {
			if (!db) throw new Error('The database exists only while the tests of this file run');
			return db;
		}
	};
}
