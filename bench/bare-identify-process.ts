import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

export interface BareIdentifyServer {
	/** The endpoint's URL on 127.0.0.1. */
	url: string;
	stop(): Promise<void>;
}

const serverFile = fileURLToPath(new URL('./bare-identify-server.ts', import.meta.url));
const readyTimeoutMs = 20_000;

/** Starts bare-identify-server.ts in a Node process of its own, talking to the Liveblocks server at `baseUrl`. */
export async function startBareIdentifyServer({
	secret,
	baseUrl
}: {
	secret: string;
	baseUrl: string;
}): Promise<BareIdentifyServer> {
	const child = spawn(process.execPath, ['--import', 'tsx', serverFile], {
		env: {
			...process.env,
			NODE_ENV: 'production',
			LIVEBLOCKS_SECRET_KEY: secret,
			LIVEBLOCKS_BASE_URL: baseUrl
		},
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
			readPort(child.stdout),
			exited.then(() => Promise.reject(new Error('it exited'))),
			sleep(readyTimeoutMs).then(() =>
				Promise.reject(new Error(`not ready within ${readyTimeoutMs / 1000} s`))
			)
		]);
		return { url: `http://127.0.0.1:${port}/`, stop };
	} catch (error) {
		await stop();
		throw new Error(`The bare identify server did not start: ${(error as Error).message}`, { cause: error });
	}
}

/** The port from the server's `listening <port>` line. Reading goes on, so its output never fills the pipe. */
function readPort(stdout: NodeJS.ReadableStream): Promise<number> {
	return new Promise((resolve, reject) => {
		const lines = createInterface({ input: stdout });
		lines.on('line', (line) => {
			const match = /^listening (\d+)$/.exec(line);
			if (match) resolve(Number(match[1]));
		});
		lines.once('close', () => reject(new Error('it closed its output without a port')));
	});
}
