import { randomBytes } from 'node:crypto';
import { startAppServer } from '../scripts/services/app-server';
import { freePort } from '../scripts/services/free-port';
import {
	LIVEBLOCKS_DEV_SECRET_KEY,
	startLiveblocksDevServer
} from '../scripts/services/liveblocks-dev-server';
import { applyMigrations } from '../scripts/services/migrate';
import { createTestDatabase } from '../scripts/services/test-postgres';
import { buildApp } from '../scripts/testing/build-app';
import type { BenchContext } from './entry';

/**
 * The app's per-person token limit in every bench (LIVEBLOCKS_TOKENS_PER_MINUTE): counted on every
 * token request but never reached, so a bench pays for the limit (decision 020) without being
 * refused by it.
 */
export const benchTokensPerMinute = 1_000_000_000;

export interface AppUnderTest {
	/** The built app, on 127.0.0.1. */
	appUrl: string;
	/** Its fresh, migrated database, for seeding. */
	databaseUrl: string;
	/** The Liveblocks dev server it talks to, and the secret key that server accepts. */
	liveblocksBaseUrl: string;
	liveblocksSecret: string;
	/** The app's process id, whose own CPU counters a bench may read. */
	pid: number;
}

/**
 * The production build of the app with its own services: a fresh database (on DATABASE_URL's
 * server when set, else an embedded PostgreSQL) and a Liveblocks dev server. All of it is torn down
 * through `cleanup`. `nodeOptions` are flags for the app's Node process (NODE_OPTIONS), e.g. to
 * open its inspector for a CPU profile.
 */
export async function startAppUnderTest(
	{ cleanup, progress }: BenchContext,
	{ nodeOptions }: { nodeOptions?: string } = {}
): Promise<AppUnderTest> {
	progress('building the app (vite build)');
	await buildApp();

	progress('starting PostgreSQL and the Liveblocks dev server');
	// One after the other, so each is registered for clean-up before the next can fail.
	const database = await createTestDatabase('bench');
	cleanup.defer(() => database.drop());
	const liveblocks = await startLiveblocksDevServer({ port: await freePort() });
	cleanup.defer(() => liveblocks.stop());
	await applyMigrations(database.url);

	progress('starting the app');
	const app = await startAppServer({
		// Its errors on the terminal: a request that fails under load must show why.
		stdio: 'inherit',
		port: await freePort(),
		env: {
			NODE_ENV: 'production',
			DATABASE_URL: database.url,
			// Random per run: nothing signed with it outlives the run.
			AUTH_SECRET: randomBytes(32).toString('base64url'),
			LIVEBLOCKS_SECRET_KEY: LIVEBLOCKS_DEV_SECRET_KEY,
			LIVEBLOCKS_BASE_URL: liveblocks.baseUrl,
			LIVEBLOCKS_TOKENS_PER_MINUTE: String(benchTokensPerMinute),
			...(nodeOptions ? { NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} ${nodeOptions}`.trim() } : {})
		}
	});
	cleanup.defer(() => app.stop());

	return {
		appUrl: app.url,
		databaseUrl: database.url,
		liveblocksBaseUrl: liveblocks.baseUrl,
		liveblocksSecret: LIVEBLOCKS_DEV_SECRET_KEY,
		pid: app.process.pid!
	};
}
