import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { assertPortFree } from './free-port';

export interface AppServer {
	/** `http://127.0.0.1:PORT`, where it listens (ORIGIN may name another host for the same server). */
	url: string;
	process: ChildProcess;
	stop(): Promise<void>;
}

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
const buildEntry = join(repoRoot, 'build/index.js');
const readyTimeoutMs = 30_000;
const stopGraceMs = 5_000;

/**
 * Runs the adapter-node build (`vite build` makes it) on 127.0.0.1:`port` with this process's
 * environment plus `env`, and resolves once `/signin` answers without a server error.
 */
export async function startAppServer({
	port,
	env,
	stdio = 'pipe'
}: {
	port: number;
	env: Record<string, string>;
	stdio?: 'inherit' | 'pipe';
}): Promise<AppServer> {
	if (!existsSync(buildEntry)) throw new Error(`${buildEntry} is missing: build the app first (vite build)`);
	await assertPortFree(port, 'the app');
	const url = `http://127.0.0.1:${port}`;
	const child = spawn(process.execPath, [buildEntry], {
		cwd: repoRoot,
		env: {
			// A CSV import may be up to 1 MB (sent as a file and as text); adapter-node's default is 512 KB.
			BODY_SIZE_LIMIT: '3M',
			...process.env,
			ORIGIN: url,
			...env,
			PORT: String(port),
			HOST: '127.0.0.1'
		},
		stdio: ['ignore', stdio, stdio]
	});
	// Only piped output can be kept; with 'inherit' the errors are on the terminal already.
	let stderrTail = '';
	child.stderr?.on('data', (chunk: Buffer) => {
		stderrTail = (stderrTail + chunk.toString('utf8')).slice(-4000);
	});
	// Piped stdout nobody reads would fill up and block the app.
	child.stdout?.resume();
	// 'close' rather than 'exit': it comes after the last output, which the error message needs.
	let exitReason: string | undefined;
	const exited = new Promise<void>((resolve) => {
		child.once('close', (code, signal) => {
			exitReason = signal ? `killed by ${signal}` : `exit code ${code}`;
			resolve();
		});
		child.once('error', (error) => {
			exitReason = error.message;
			resolve();
		});
	});
	const stop = () => stopProcess(child, exited);

	const failure = await waitForSignInPage(url, () => exitReason);
	if (failure !== undefined) {
		await stop();
		const output = stdio === 'pipe' ? stderrTail.trim() : '(its output is above)';
		throw new Error(`The app did not start on port ${port}: ${failure}\n${output}`);
	}
	return { url, process: child, stop };
}

/** Resolves undefined once /signin answers below 500, or with the reason it did not. */
async function waitForSignInPage(
	url: string,
	exitReason: () => string | undefined
): Promise<string | undefined> {
	const deadline = Date.now() + readyTimeoutMs;
	while (Date.now() < deadline) {
		const reason = exitReason();
		if (reason !== undefined) return `it exited (${reason})`;
		const status = await fetch(`${url}/signin`, {
			redirect: 'manual',
			signal: AbortSignal.timeout(2000)
		}).then(
			(response) => response.status,
			() => undefined
		);
		if (status !== undefined && status < 500) return undefined;
		await sleep(100);
	}
	return `${url}/signin gave no answer below 500 within ${readyTimeoutMs / 1000} s`;
}

/** SIGTERM lets adapter-node finish open requests; SIGKILL if that takes longer than the grace period. */
async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
	child.kill('SIGTERM');
	const stopped = await Promise.race([exited.then(() => true), sleep(stopGraceMs, false)]);
	if (!stopped) child.kill('SIGKILL');
	await exited;
}
