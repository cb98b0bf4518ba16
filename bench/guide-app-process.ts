import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from '../scripts/services/free-port';
import { startServerProcess } from './server-process';

export interface GuideApp {
	/** Its ID-token endpoint on 127.0.0.1. */
	url: string;
	pid: number;
	stop(): Promise<void>;
}

const appDir = fileURLToPath(new URL('./guide-app/', import.meta.url));
const vite = fileURLToPath(new URL('../node_modules/vite/bin/vite.js', import.meta.url));

/**
 * Builds guide-app/ (the Liveblocks guide's endpoint in a minimal SvelteKit app) with the
 * repository's own vite, SvelteKit and adapter-node, as Gatehouse is built.
 */
export async function buildGuideApp(): Promise<void> {
	const child = spawn(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
		cwd: appDir,
		// The endpoint makes its Liveblocks client when its module loads, and SvelteKit loads it
		// while building to read its exports: the client refuses to exist without a secret key.
		env: { ...process.env, LIVEBLOCKS_SECRET_KEY: 'sk_localdev' },
		stdio: ['ignore', 'ignore', 'pipe']
	});
	let stderr = '';
	child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	if (code !== 0) throw new Error(`vite build of the guide app failed (exit ${code}):\n${stderr}`);
}

/** Runs the guide app's adapter-node build against the Liveblocks server at `baseUrl`. */
export async function startGuideApp({
	secret,
	baseUrl
}: {
	secret: string;
	baseUrl: string;
}): Promise<GuideApp> {
	const port = await freePort();
	const server = await startServerProcess({
		name: 'The guide app',
		args: ['build/index.js'],
		cwd: appDir,
		env: {
			NODE_ENV: 'production',
			HOST: '127.0.0.1',
			PORT: String(port),
			ORIGIN: `http://127.0.0.1:${port}`,
			LIVEBLOCKS_SECRET_KEY: secret,
			LIVEBLOCKS_BASE_URL: baseUrl
		},
		readyLine: /^Listening on http:\/\/127\.0\.0\.1:(\d+)$/
	});
	return { url: `http://127.0.0.1:${server.port}/api/liveblocks-auth`, pid: server.pid, stop: server.stop };
}
