import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, inject } from 'vitest';
import { startAppServer, type AppServer } from '../services/app-server';
import { freePort } from '../services/free-port';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../services/liveblocks-dev-server';
import type { Database } from '../../src/lib/server/prisma-client';
import { hashPassword } from '../../src/lib/server/passwords';
import type { Role } from '../../src/lib/roles';
import { signIn } from './http-session';
import { useMigratedDatabase } from './migrated-database';

export type AppUnderTest = { url: string; databaseUrl: string; liveblocksBaseUrl: string; db: Database };

/**
 * The built app for one test file, as production runs it: its own migrated database, the shared
 * Liveblocks dev server, a random AUTH_SECRET, and `settings` (e.g. a short SESSION_LIFETIME_SECONDS).
 * `reachDatabase` gives the URL the app connects by, e.g. through a fault proxy; migrations and the
 * tests' own client use the direct one. Fields are readable inside tests and hooks.
 */
export function useAppUnderTest(
	label: string,
	settings: Record<string, string> = {},
	{ reachDatabase }: { reachDatabase?: (directUrl: string) => Promise<string> } = {}
): AppUnderTest {
	const database = useMigratedDatabase(label);
	let app: AppServer | undefined;
	beforeAll(async () => {
		app = await startAppServer({
			port: await freePort(),
			env: {
				DATABASE_URL: reachDatabase ? await reachDatabase(database.url) : database.url,
				AUTH_SECRET: randomBytes(32).toString('base64url'),
				LIVEBLOCKS_SECRET_KEY: LIVEBLOCKS_DEV_SECRET_KEY,
				LIVEBLOCKS_BASE_URL: inject('liveblocksBaseUrl'),
				...settings
			}
		});
	});
	afterAll(() => app?.stop());
	return {
		get url() {
			if (!app) throw new Error('The app runs only while the tests of this file run');
			return app.url;
		},
		get databaseUrl() {
			return database.url;
		},
		get liveblocksBaseUrl() {
			return inject('liveblocksBaseUrl');
		},
		get db() {
			return database.db;
		}
	};
}

/** A new person with `role`, signed in to the app over HTTP: their session cookie. */
export async function signedInAs(app: AppUnderTest, role: Role): Promise<string> {
	const email = `${role}-${randomUUID()}@example.com`;
	await app.db.person.create({ data: { email, name: role, role, passwordHash: await hashPassword('pw') } });
	return signIn(app.url, email, 'pw');
}
