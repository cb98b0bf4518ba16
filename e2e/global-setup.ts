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

/**
 * Builds the app and runs it as production does, on a database of its own and a Liveblocks dev
 * server of its own. Tests reach both through the variables set here (workers inherit them).
 */
export default async function globalSetup() {
	await buildApp();
	const database = await createTestDatabase('e2e');
	const liveblocks = await startLiveblocksDevServer({ port: await freePort() });
	try {
		await applyMigrations(database.url);
		const app = await startAppServer({
			port: Number(process.env.GATEHOUSE_E2E_PORT),
			env: {
				DATABASE_URL: database.url,
				AUTH_SECRET: randomBytes(32).toString('base64url'),
				LIVEBLOCKS_SECRET_KEY: LIVEBLOCKS_DEV_SECRET_KEY,
				LIVEBLOCKS_BASE_URL: liveblocks.baseUrl
			}
		});
		process.env.GATEHOUSE_E2E_DATABASE_URL = database.url;
		process.env.GATEHOUSE_E2E_LIVEBLOCKS_URL = liveblocks.baseUrl;
		return async () => {
			await app.stop();
			await liveblocks.stop();
			await database.drop();
		};
	} catch (error) {
		await liveblocks.stop();
		await database.drop();
		throw error;
	}
}
