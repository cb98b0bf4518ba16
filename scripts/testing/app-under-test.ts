import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { startAppServer, type AppServer } from '../services/app-server';
import { freePort } from '../services/free-port';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../services/liveblocks-dev-server';
import { applyMigrations } from '../services/migrate';
import { useTestDatabase } from '../services/test-postgres';
import { connectDatabase, type Database } from '../../src/lib/server/prisma-client';

export type AppUnderTest = { url: string; databaseUrl: string; liveblocksBaseUrl: string; db: Database };

/**
 * The built app for one test file, as production runs it: its own migrated database, the shared
 * Liveblocks dev server, a random AUTH_SECRET. Fields are readable inside tests and hooks.
 */
export function useAppUnderTest(label: string): AppUnderTest {
	const database = useTestDatabase(label);
	let app: AppServer | undefined;
	let db: Database | undefined;
	beforeAll(async () => {
		await applyMigrations(database.url);
		db = connectDatabase(database.url);
		app = await startAppServer({
			port: await freePort(),
			env: {
				DATABASE_URL: database.url,
				AUTH_SECRET: randomBytes(32).toString('base64url'),
				LIVEBLOCKS_SECRET_KEY: LIVEBLOCKS_DEV_SECRET_KEY,
				LIVEBLOCKS_BASE_URL: inject('liveblocksBaseUrl')
			}
		});
	});
	afterAll(async () => {
		await app?.stop();
		await db?.$disconnect();
	});
	const started = <T>(value: T | undefined): T => {
		if (value === undefined) throw new Error('The app runs only while the tests of this file run');
		return value;
	};
	return {
		get url() {
			return started(app).url;
		},
		get databaseUrl() {
			return database.url;
		},
		get liveblocksBaseUrl() {
			return inject('liveblocksBaseUrl');
		},
		get db() {
			return started(db);
		}
	};
}
