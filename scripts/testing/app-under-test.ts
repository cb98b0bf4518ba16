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

export type AppUnderTest = {
	/** The first process's address. */
	url: string;
	/** Every process, all on the one database and the one AUTH_SECRET, so a session works on each. */
	instances: AppServer[];
	databaseUrl: string;
	liveblocksBaseUrl: string;
	db: Database;
};

/**
 * The built app for one test file, as production runs it: `instances` processes (one unless told)
 * on its own migrated database, the shared Liveblocks dev server, a random AUTH_SECRET, and
 * `settings` (e.g. a short SESSION_LIFETIME_SECONDS; a function is read when the processes start,
 * so it may name something a hook made before, such as a fault proxy's address). `reachDatabase`
 * gives the URL the app connects by, e.g. through a fault proxy; migrations and the tests' own
 * client use the direct one. Fields are readable inside tests and hooks.
 */
export function useAppUnderTest(
	label: string,
	settings: Record<string, string> | (() => Record<string, string>) = {},
	{
		instances = 1,
		reachDatabase
	}: { instances?: number; reachDatabase?: (directUrl: string) => Promise<string> } = {}
): AppUnderTest {
	const database = useMigratedDatabase(label);
	const apps: AppServer[] = [];
	beforeAll(async () => {
		const env = {
			DATABASE_URL: reachDatabase ? await reachDatabase(database.url) : database.url,
			AUTH_SECRET: randomBytes(32).toString('base64url'),
			LIVEBLOCKS_SECRET_KEY: LIVEBLOCKS_DEV_SECRET_KEY,
			LIVEBLOCKS_BASE_URL: inject('liveblocksBaseUrl'),
			...(typeof settings === 'function' ? settings() : settings)
		};
		// One after the other: a port freePort gave is only free until someone binds it.
		for (let started = 0; started < instances; started++)
			apps.push(await startAppServer({ port: await freePort(), env }));
	});
	afterAll(() => Promise.all(apps.map((app) => app.stop())));
	const running = () => {
		if (apps.length === 0) throw new Error('The app runs only while the tests of this file run');
		return apps;
	};
	return {
		get url() {
			return running()[0]!.url;
		},
		get instances() {
			return running();
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
