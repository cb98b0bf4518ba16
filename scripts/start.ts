// `npm start` (after `vite build`): runs the built app with everything it needs. What the environment
// does not configure is started here (docs/decisions/003-local-services.md): PostgreSQL without
// DATABASE_URL, the Liveblocks dev server without LIVEBLOCKS_SECRET_KEY, both with data under
// GATEHOUSE_DATA_DIR (default <repo>/.data). Ctrl-C or SIGTERM stops the app, then the Liveblocks
// dev server, then PostgreSQL, and exits 0; a service that dies on its own stops the rest, exit 1.
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startAppServer } from './services/app-server';
import { createDatabase, databaseUrl as urlOfDatabase } from './services/databases';
import { startEmbeddedPostgres } from './services/embedded-postgres';
import { LIVEBLOCKS_DEV_SECRET_KEY, startLiveblocksDevServer } from './services/liveblocks-dev-server';
import { readOrCreateAuthSecret } from './services/local-secrets';
import { readDemoAccount, saveDemoAccount } from './services/demo-account';
import { applyMigrations } from './services/migrate';

interface Service {
	name: string;
	stop(): Promise<void>;
}

interface LiveblocksSettings {
	secret: string;
	baseUrl?: string;
	/** The dev server started here, not a configured project. */
	local: boolean;
}

const repoRoot = resolve(fileURLToPath(import.meta.url), '../..');
const dataDir = resolve(setting('GATEHOUSE_DATA_DIR') ?? join(repoRoot, '.data'));
const appPort = portSetting('PORT', 3000);
const origin = setting('ORIGIN') ?? `http://localhost:${appPort}`;

/** Started services, in start order; shutDown() stops them in reverse. */
const services: Service[] = [];
let shutdown: Promise<never> | undefined;

process.on('SIGINT', () => void shutDown(0, 'Stopping (SIGINT)'));
process.on('SIGTERM', () => void shutDown(0, 'Stopping (SIGTERM)'));
const startup = startAll();
startup.catch((error: unknown) => {
	console.error(`[gatehouse] ${error instanceof Error ? error.message : String(error)}`);
	void shutDown(1, 'Start-up failed: stopping what was started');
});

async function startAll(): Promise<void> {
	const database = await configuredOrLocalDatabase();
	if (shutdown) return;
	const liveblocks = await configuredOrLocalLiveblocks();
	if (shutdown) return;

	let authSecret = setting('AUTH_SECRET');
	if (authSecret === undefined) {
		authSecret = await readOrCreateAuthSecret(dataDir);
		log(`AUTH_SECRET kept in ${shown(join(dataDir, 'auth-secret'))}`);
	}

	const applied = await applyMigrations(database.url);
	log(applied.length ? `Migrations applied: ${applied.join(', ')}` : 'Database schema is up to date');
	if (shutdown) return;

	const demoAccount = database.local ? await localDemoAccount(database.url, liveblocks) : undefined;
	if (shutdown) return;

	const app = await startAppServer({
		port: appPort,
		stdio: 'inherit',
		env: {
			DATABASE_URL: database.url,
			AUTH_SECRET: authSecret,
			LIVEBLOCKS_SECRET_KEY: liveblocks.secret,
			...(liveblocks.baseUrl ? { LIVEBLOCKS_BASE_URL: liveblocks.baseUrl } : {}),
			ORIGIN: origin
		}
	});
	const appExited = new Promise<void>((resolve) => {
		if (app.process.exitCode !== null || app.process.signalCode !== null) resolve();
		else app.process.once('exit', () => resolve());
	});
	supervise('The app', appExited, app.stop);
	if (shutdown) return;
	log(`Gatehouse is running at ${origin} (Ctrl-C stops it)`);
	const account = demoAccount ? ` as ${demoAccount.adminEmail} / ${demoAccount.adminPassword}` : '';
	log(`Sign in at ${origin}/signin${account}`);
}

/** DATABASE_URL, or (local demo mode) the database `gatehouse` on an embedded PostgreSQL. */
async function configuredOrLocalDatabase(): Promise<{ url: string; local: boolean }> {
	const configured = setting('DATABASE_URL');
	if (configured !== undefined) {
		log('Using the database at DATABASE_URL');
		return { url: configured, local: false };
	}
	const port = portSetting('GATEHOUSE_DB_PORT', 54329);
	const postgresDir = join(dataDir, 'postgres');
	const postgres = await startEmbeddedPostgres({ dataDir: postgresDir, port });
	supervise('PostgreSQL', postgres.exited, postgres.stop);
	log(`PostgreSQL started on 127.0.0.1:${port} (data in ${shown(postgresDir)})`);
	const created = await createDatabase(postgres.serverUrl, 'gatehouse');
	log(`Database gatehouse ${created ? 'created' : 'found'}`);
	return { url: urlOfDatabase(postgres.serverUrl, 'gatehouse'), local: true };
}

/** LIVEBLOCKS_SECRET_KEY (and LIVEBLOCKS_BASE_URL), or the Liveblocks dev server started here. */
async function configuredOrLocalLiveblocks(): Promise<LiveblocksSettings> {
	const secret = setting('LIVEBLOCKS_SECRET_KEY');
	if (secret !== undefined) {
		const baseUrl = setting('LIVEBLOCKS_BASE_URL');
		log(`Using Liveblocks at ${baseUrl ?? 'the hosted service'} (LIVEBLOCKS_SECRET_KEY)`);
		return { secret, baseUrl, local: false };
	}
	const port = portSetting('GATEHOUSE_LIVEBLOCKS_PORT', 1153);
	const liveblocksDir = join(dataDir, 'liveblocks');
	const server = await startLiveblocksDevServer({ port, dataDir: liveblocksDir });
	supervise('Liveblocks dev server', server.exited, server.stop);
	log(`Liveblocks dev server started at ${server.baseUrl} (data in ${shown(liveblocksDir)})`);
	return { secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl: server.baseUrl, local: true };
}

/** Seeds a local database nobody has used yet; returns the demo sign-in, made now or earlier. */
async function localDemoAccount(databaseUrl: string, liveblocks: LiveblocksSettings) {
	if (!(await hasNoPeople(databaseUrl))) return readDemoAccount(dataDir);
	// The demo rooms replace rooms of the same id: never do that in a real Liveblocks project.
	if (!liveblocks.local) {
		log('No demo data with a configured LIVEBLOCKS_SECRET_KEY: create an admin with `npm run admin:create`');
		return undefined;
	}
	// Imported only here, so starts with configured services never load the demo code.
	const { seedDemoData } = await import('../prisma/seed');
	const account = await seedDemoData({
		databaseUrl,
		liveblocks: { secret: liveblocks.secret, baseUrl: liveblocks.baseUrl }
	});
	await saveDemoAccount(dataDir, account);
	log('Demo people, groups and rooms created');
	return account;
}

/** Keeps `stop` for shutDown(), and treats the service ending by itself as a failure of the whole. */
function supervise(name: string, exited: Promise<void>, stop: () => Promise<void>): void {
	services.push({ name, stop });
	void exited.then(() => {
		// Ctrl-C in a terminal signals the children too, and their exit can be seen before this
		// process's own SIGINT handler runs: give the signal a moment before calling it a crash.
		setTimeout(() => {
			if (!shutdown) void shutDown(1, `${name} stopped unexpectedly: stopping the rest`);
		}, 300);
	});
}

/** Waits for the start-up step in progress (which then goes no further), stops the services in reverse order, exits. */
function shutDown(exitCode: number, reason: string): Promise<never> {
	shutdown ??= (async () => {
		log(reason);
		await startup.catch(() => undefined);
		let code = exitCode;
		for (const service of services.toReversed()) {
			try {
				await service.stop();
				log(`${service.name} stopped`);
			} catch (error) {
				console.error(`[gatehouse] Could not stop ${service.name}: ${(error as Error).message}`);
				code = 1;
			}
		}
		process.exit(code);
	})();
	return shutdown;
}

async function hasNoPeople(databaseUrl: string): Promise<boolean> {
	const client = new pg.Client({ connectionString: databaseUrl });
	await client.connect();
	try {
		const { rows } = await client.query<{ empty: boolean }>(
			'SELECT NOT EXISTS (SELECT 1 FROM "Person") AS empty'
		);
		return rows[0]?.empty === true;
	} finally {
		await client.end();
	}
}

/** An environment variable, with blank treated as unset (as the app's own validation does). */
function setting(name: string): string | undefined {
	const value = process.env[name]?.trim();
	return value ? value : undefined;
}

function portSetting(name: string, fallback: number): number {
	const value = setting(name);
	if (value === undefined) return fallback;
	const port = Number(value);
	if (!Number.isInteger(port) || port < 1 || port > 65535) {
		console.error(`[gatehouse] ${name} must be a port number (1-65535), not "${value}"`);
		process.exit(2);
	}
	return port;
}

function shown(path: string): string {
	const fromHere = relative(process.cwd(), path);
	return fromHere && !fromHere.startsWith('..') ? fromHere : path;
}

function log(message: string): void {
	console.log(`[gatehouse] ${message}`);
}
