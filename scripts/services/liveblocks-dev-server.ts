import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { assertPortFree } from './free-port';

/** The only keys the local dev server accepts. */
export const LIVEBLOCKS_DEV_SECRET_KEY = 'sk_localdev';
export const LIVEBLOCKS_DEV_PUBLIC_KEY = 'pk_localdev';

export interface LiveblocksDevServer {
	/** `http://127.0.0.1:PORT`: the `baseUrl` for `@liveblocks/node` and `@liveblocks/client`. */
	baseUrl: string;
	/** Settles when the server process ends, whether by stop() or a crash. */
	exited: Promise<void>;
	stop(): Promise<void>;
}

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
const readyTimeoutMs = 20_000;

/**
 * Starts the official Liveblocks dev server (`liveblocks dev`, on Bun) on 127.0.0.1:`port`. With
 * `dataDir` it keeps rooms in `<dataDir>/.liveblocks/`; without, in a throwaway directory.
 */
export async function startLiveblocksDevServer({
	port,
	dataDir
}: {
	port: number;
	dataDir?: string;
}): Promise<LiveblocksDevServer> {
	const baseUrl = `http://127.0.0.1:${port}`;
	await assertPortFree(port, 'the Liveblocks dev server');
	// Without dataDir the CLI makes its throwaway directory under TMPDIR: a directory of ours, so
	// stop() can remove it whole (the CLI itself leaves an empty one behind).
	const scratchDir =
		dataDir === undefined ? await mkdtemp(join(tmpdir(), 'gatehouse-liveblocks-')) : undefined;
	const workDir = dataDir === undefined ? scratchDir! : resolve(dataDir);
	await mkdir(workDir, { recursive: true });

	const args = [join(repoRoot, 'node_modules/liveblocks/dist/index.js'), 'dev'];
	args.push('--port', String(port), '--host', '127.0.0.1', '--no-check');
	if (dataDir === undefined) args.push('--no-persist');
	const child = spawn(join(repoRoot, 'node_modules/.bin/bun'), args, {
		cwd: workDir,
		env: { ...process.env, ...(scratchDir ? { TMPDIR: scratchDir } : {}) },
		// Its own process group, so stop() can end Bun and anything it started with one signal.
		detached: true,
		stdio: ['pipe', 'pipe', 'pipe']
	});
	// It draws a terminal UI even into a pipe: keep only the end, for error messages.
	let outputTail = '';
	const keepTail = (text: string) => {
		outputTail = (outputTail + text).slice(-4000);
	};
	child.stdout.on('data', (chunk: Buffer) => keepTail(chunk.toString('utf8')));
	child.stderr.on('data', (chunk: Buffer) => keepTail(chunk.toString('utf8')));
	// stop() writes to stdin, which fails harmlessly if Bun is gone already.
	child.stdin.on('error', () => undefined);
	const exited = new Promise<void>((resolve) => {
		child.once('exit', () => resolve());
		child.once('error', (error) => {
			keepTail(`\n${error.message}`);
			resolve();
		});
	});
	// Detached, it would outlive this process: kill it if this process ends without stop().
	const killOnExit = () => child.pid && signalGroup(child.pid, 'SIGKILL');
	process.once('exit', killOnExit);
	void exited.then(() => process.removeListener('exit', killOnExit));

	const stop = async () => {
		await stopProcessGroup(child, exited);
		if (scratchDir) await rm(scratchDir, { recursive: true, force: true });
	};

	try {
		await waitUntilReady(baseUrl, exited);
	} catch (error) {
		await stop();
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(
			`The Liveblocks dev server did not start on port ${port}: ${reason}\n${readableTail(outputTail)}`,
			{ cause: error }
		);
	}
	return { baseUrl, exited, stop };
}

async function waitUntilReady(baseUrl: string, exited: Promise<void>): Promise<void> {
	let hasExited = false;
	void exited.then(() => (hasExited = true));
	const deadline = Date.now() + readyTimeoutMs;
	while (Date.now() < deadline) {
		if (hasExited) throw new Error('it exited');
		const status = await fetch(`${baseUrl}/`, { signal: AbortSignal.timeout(1000) }).then(
			(response) => response.status,
			() => undefined
		);
		if (status === 200) return;
		await sleep(100);
	}
	throw new Error(`no answer from ${baseUrl}/ within ${readyTimeoutMs / 1000} s`);
}

/**
 * Asks politely first: "q" on stdin is the CLI's own quit key, which closes its SQLite files and
 * removes a throwaway data directory. Then SIGTERM and SIGKILL to the whole group.
 */
async function stopProcessGroup(child: ChildProcess, exited: Promise<void>): Promise<void> {
	const pid = child.pid;
	if (pid === undefined) return;
	if (child.exitCode === null && child.signalCode === null) {
		child.stdin?.end('q');
		if (!(await settlesWithin(exited, 2000))) {
			signalGroup(pid, 'SIGTERM');
			if (!(await settlesWithin(exited, 3000))) signalGroup(pid, 'SIGKILL');
			await exited;
		}
	}
	// Whatever Bun started and left behind is still in the group.
	signalGroup(pid, 'SIGKILL');
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
	}
}

async function settlesWithin(promise: Promise<void>, ms: number): Promise<boolean> {
	return Promise.race([promise.then(() => true), sleep(ms, false)]);
}

/** The last lines of the terminal UI, without its escape codes. */
function readableTail(output: string): string {
	// eslint-disable-next-line no-control-regex -- the escape character is what ANSI sequences start with
	const plain = output.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '');
	const lines = plain
		.split('\n')
		.map((line) => line.trimEnd())
		.filter(Boolean);
	return lines.slice(-15).join('\n');
}
