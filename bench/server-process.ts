import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';

export interface ServerProcess {
	/** Where it listens on 127.0.0.1. */
	port: number;
	/** Its process id, whose own CPU counters the bench reads. */
	pid: number;
	stop(): Promise<void>;
}

const readyTimeoutMs = 20_000;

/**
 * Starts a Node server in a process of its own, so it never shares an event loop (or CPU counters)
 * with the load generator, and resolves once it prints a line matching `readyLine`, whose first
 * group is its port. Its errors go to the terminal: a request that fails under load must show why.
 */
export async function startServerProcess({
	name,
	args,
	env,
	cwd,
	readyLine
}: {
	/** For error messages, e.g. "the bare identify server". */
	name: string;
	/** Node's arguments: flags and the script. */
	args: string[];
	env: Record<string, string>;
	cwd?: string;
	readyLine: RegExp;
}): Promise<ServerProcess> {
	const child = spawn(process.execPath, args, {
		cwd,
		env: { ...process.env, ...env },
		stdio: ['ignore', 'pipe', 'inherit']
	});
	const exited = once(child, 'exit').then(() => undefined);
	// If this process ends without stop(), the server must not outlive it.
	const killOnExit = () => child.kill('SIGKILL');
	process.once('exit', killOnExit);
	void exited.then(() => process.removeListener('exit', killOnExit));

	const stop = async () => {
		if (child.exitCode !== null || child.signalCode !== null) return;
		child.kill('SIGTERM');
		const stopped = await Promise.race([exited.then(() => true), sleep(3000, false)]);
		if (!stopped) child.kill('SIGKILL');
		await exited;
	};

	try {
		const port = await Promise.race([
			readPort(child.stdout, readyLine),
			exited.then(() => Promise.reject(new Error('it exited'))),
			sleep(readyTimeoutMs).then(() =>
				Promise.reject(new Error(`not ready within ${readyTimeoutMs / 1000} s`))
			)
		]);
		return { port, pid: child.pid!, stop };
	} catch (error) {
		await stop();
		throw new Error(`${name} did not start: ${(error as Error).message}`, { cause: error });
	}
}

/** The port from the server's ready line. Reading goes on, so its output never fills the pipe. */
function readPort(stdout: NodeJS.ReadableStream, readyLine: RegExp): Promise<number> {
	return new Promise((resolve, reject) => {
		const lines = createInterface({ input: stdout });
		lines.on('line', (line) => {
			const match = readyLine.exec(line);
			if (match) resolve(Number(match[1]));
		});
		lines.once('close', () => reject(new Error('it closed its output without a port')));
	});
}
