import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './services/free-port';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../..');
const built = existsSync(join(repoRoot, 'build/index.js'));

interface StartRun {
	child: ChildProcess;
	output: () => string;
	exit: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Everything start.ts would otherwise take from this machine is unset or points at this test's own ports and directory. */
let dataDir: string;
let ports: { app: number; database: number; liveblocks: number };

function runStart(): StartRun {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const name of [
		'DATABASE_URL',
		'LIVEBLOCKS_SECRET_KEY',
		'LIVEBLOCKS_BASE_URL',
		'AUTH_SECRET',
		'ORIGIN'
	]) {
		delete env[name];
	}
	Object.assign(env, {
		GATEHOUSE_DATA_DIR: dataDir,
		GATEHOUSE_DB_PORT: String(ports.database),
		GATEHOUSE_LIVEBLOCKS_PORT: String(ports.liveblocks),
		PORT: String(ports.app)
	});
	const child = spawn(join(repoRoot, 'node_modules/.bin/tsx'), ['scripts/start.ts'], {
		cwd: repoRoot,
		env,
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	const collect = (chunk: Buffer) => (output += chunk.toString('utf8'));
	child.stdout!.on('data', collect);
	child.stderr!.on('data', collect);
	const exit = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal }))
	);
	return { child, output: () => output, exit };
}

async function waitForLine(run: StartRun, pattern: RegExp, timeoutMs: number): Promise<RegExpMatchArray> {
	let exited = false;
	void run.exit.then(() => (exited = true));
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		const match = run.output().match(pattern);
		if (match) return match;
		if (exited) break;
		await sleep(100);
	}
	throw new Error(
		`start.ts never printed ${pattern}${exited ? ' (it exited)' : ''}; its output:\n${run.output()}`
	);
}

async function exitWithin(run: StartRun, ms: number) {
	return Promise.race([
		run.exit,
		sleep(ms).then(() => {
			throw new Error(`start.ts did not exit within ${ms} ms; its output:\n${run.output()}`);
		})
	]);
}

/**
 * Processes this test started, directly or not: their command line names the data directory or
 * one of the ports, or they inherited GATEHOUSE_DATA_DIR (the app's command line names neither).
 */
async function leftoverProcesses(): Promise<string[]> {
	const markers = [dataDir, `-p\0${ports.database}`, `--port\0${ports.liveblocks}`];
	const leftovers: string[] = [];
	for (const pid of (await readdir('/proc')).filter((name) => /^\d+$/.test(name))) {
		if (Number(pid) === process.pid) continue;
		const commandLine = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
		const environment = await readFile(`/proc/${pid}/environ`, 'utf8').catch(() => '');
		if (
			markers.some((marker) => commandLine.includes(marker)) ||
			environment.includes(`GATEHOUSE_DATA_DIR=${dataDir}\0`)
		) {
			leftovers.push(`${pid}: ${commandLine.replaceAll('\0', ' ')}`);
		}
	}
	return leftovers;
}

async function killLeftovers(): Promise<void> {
	for (const line of await leftoverProcesses()) {
		try {
			process.kill(Number(line.split(':')[0]), 'SIGKILL');
		} catch {
			// gone meanwhile
		}
	}
}

const skipReason = built ? '' : ' (skipped: build/index.js is missing, run `vite build` first)';

describe.skipIf(!built)(`npm start (scripts/start.ts) in local demo mode${skipReason}`, () => {
	beforeAll(async () => {
		dataDir = await mkdtemp(join(tmpdir(), 'gatehouse-start-test-'));
		// Run as root, PostgreSQL runs as the `postgres` user, which must be able to enter this directory.
		await chmod(dataDir, 0o755);
		ports = { app: await freePort(), database: await freePort(), liveblocks: await freePort() };
	});
	afterAll(async () => {
		if (!dataDir) return;
		// Only after a failure is anything left; never leave it running for the next test file.
		await killLeftovers();
		await rm(dataDir, { recursive: true, force: true });
	});

	/** The demo sign-in printed by the first start; later starts print the same. */
	let firstSignIn: { email?: string; password?: string } = {};

	it('starts PostgreSQL, the Liveblocks dev server and the app, seeds, and stops everything on SIGTERM', async () => {
		const run = runStart();
		const [, origin, email, password] = await waitForLine(
			run,
			/Sign in at (\S+)\/signin as (\S+) \/ (\S+)/,
			90_000
		);

		expect(origin).toBe(`http://localhost:${ports.app}`);
		expect(email).toMatch(/@/);
		expect(password!.length).toBeGreaterThanOrEqual(8);
		firstSignIn = { email, password };
		const signIn = await fetch(`http://127.0.0.1:${ports.app}/signin`);
		expect(signIn.status).toBe(200);
		expect((await fetch(`http://127.0.0.1:${ports.liveblocks}/`)).status).toBe(200);
		const database = new pg.Client(`postgresql://postgres:postgres@127.0.0.1:${ports.database}/gatehouse`);
		await database.connect();
		const { rows } = await database.query<{ count: string }>('SELECT count(*) FROM "Person"');
		// The demo rooms are in the index too, so the rooms list shows them on the first visit.
		const rooms = await database.query<{ id: string }>('SELECT id FROM "Room" ORDER BY id');
		await database.end();
		expect(Number(rows[0]!.count)).toBeGreaterThan(0);
		expect(rooms.rows.map((room) => room.id)).toEqual(['design-review', 'handbook', 'launch-plan']);

		run.child.kill('SIGTERM');
		expect(await exitWithin(run, 15_000)).toEqual({ code: 0, signal: null });
		expect(await leftoverProcesses()).toEqual([]);
		expect(run.output()).toMatch(
			/The app stopped[\s\S]*Liveblocks dev server stopped[\s\S]*PostgreSQL stopped/
		);
	});

	it('restarts on the kept data, and when a service dies stops the rest and exits non-zero', async () => {
		const run = runStart();
		const [, email, password] = await waitForLine(run, /Sign in at \S+\/signin as (\S+) \/ (\S+)/, 60_000);
		expect({ email, password }).toEqual(firstSignIn);
		expect(run.output()).toContain('Database schema is up to date');
		expect(run.output()).not.toContain('Demo people');

		const [liveblocksServer] = (await leftoverProcesses()).filter((line) =>
			line.includes(`--port ${ports.liveblocks}`)
		);
		process.kill(Number(liveblocksServer!.split(':')[0]), 'SIGKILL');

		expect((await exitWithin(run, 15_000)).code).toBe(1);
		expect(await leftoverProcesses()).toEqual([]);
		expect(run.output()).toContain('Liveblocks dev server stopped unexpectedly');
	});
});
