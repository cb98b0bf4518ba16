import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { createDatabase, databaseUrl, dropDatabase } from './databases';
import { startEmbeddedPostgres } from './embedded-postgres';
import { freePort } from './free-port';

export interface TestDatabase {
	/** Server URL without a database path, for creating more databases beside this one. */
	serverUrl: string;
	name: string;
	url: string;
}

/** Started at most once per test file (vitest runs each file in its own worker process). */
let embeddedServer: Promise<{ serverUrl: string; stop(): Promise<void> }> | undefined;
let databasesInUse = 0;

/**
 * The PostgreSQL server integration tests use: DATABASE_URL's server when it is set (its database
 * path is ignored), otherwise an embedded one started for this test file on a free port in a
 * temporary directory.
 */
export async function testServerUrl(): Promise<string> {
	const configured = process.env.DATABASE_URL?.trim();
	if (configured) {
		const url = new URL(configured);
		url.pathname = '';
		return url.toString().replace(/\/$/, '');
	}
	embeddedServer ??= startEmbeddedTestServer();
	return (await embeddedServer).serverUrl;
}

/**
 * A new, empty database named after `label` plus this process and a random suffix, so test files
 * and concurrent runs on one server never share one. drop() removes it, and stops the embedded
 * server once no database of this file needs it.
 */
export async function createTestDatabase(label: string): Promise<TestDatabase & { drop(): Promise<void> }> {
	databasesInUse += 1;
	try {
		const serverUrl = await testServerUrl();
		const name = `gatehouse_test_${label}_${process.pid}_${randomBytes(4).toString('hex')}`;
		await createDatabase(serverUrl, name);
		return {
			serverUrl,
			name,
			url: databaseUrl(serverUrl, name),
			drop: async () => {
				try {
					await dropDatabase(serverUrl, name);
				} finally {
					await releaseServer();
				}
			}
		};
	} catch (error) {
		await releaseServer();
		throw error;
	}
}

/**
 * A fresh database for the calling test file: created before its tests, dropped after them. Read
 * the returned object's fields inside tests or hooks, not at import time.
 */
export function useTestDatabase(label: string): TestDatabase {
	let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
	beforeAll(async () => {
		database = await createTestDatabase(label);
	});
	afterAll(async () => {
		await database?.drop();
	});
	const current = () => {
		if (!database) throw new Error('The test database exists only while the tests of this file run');
		return database;
	};
	return {
		get serverUrl() {
			return current().serverUrl;
		},
		get name() {
			return current().name;
		},
		get url() {
			return current().url;
		}
	};
}

async function startEmbeddedTestServer() {
	const dir = await mkdtemp(join(tmpdir(), 'gatehouse-test-postgres-'));
	// Run as root, PostgreSQL runs as the `postgres` user, which must be able to enter this directory.
	await chmod(dir, 0o755);
	try {
		const server = await startEmbeddedPostgres({ dataDir: join(dir, 'data'), port: await freePort() });
		return {
			serverUrl: server.serverUrl,
			stop: async () => {
				await server.stop();
				await rm(dir, { recursive: true, force: true });
			}
		};
	} catch (error) {
		await rm(dir, { recursive: true, force: true });
		throw error;
	}
}

async function releaseServer(): Promise<void> {
	databasesInUse -= 1;
	if (databasesInUse > 0 || !embeddedServer) return;
	const server = embeddedServer;
	embeddedServer = undefined;
	// A server that failed to start has nothing to stop; its error reached the caller already.
	const started = await server.catch(() => undefined);
	await started?.stop();
}
