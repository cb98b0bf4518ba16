import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../..', import.meta.url));

/**
 * Values put in the build's environment so a test can prove no secret reaches the browser: if
 * any client code read a private variable, these strings would be in `build/client`.
 */
export const buildTimeSecrets = {
	AUTH_SECRET: 'build-time-auth-secret-that-must-never-reach-the-browser',
	LIVEBLOCKS_SECRET_KEY: 'sk_build_time_secret_that_must_never_reach_the_browser',
	DATABASE_URL: 'postgresql://build-time-user:build-time-password@db.invalid:5432/never'
};

/** Builds the app (`vite build`) as the tests run it: adapter-node output in build/. */
export async function buildApp(): Promise<void> {
	const child = spawn(
		process.execPath,
		[`${repo}node_modules/vite/bin/vite.js`, 'build', '--logLevel', 'warn'],
		{
			cwd: repo,
			env: { ...process.env, ...buildTimeSecrets },
			stdio: ['ignore', 'inherit', 'pipe']
		}
	);
	let stderr = '';
	child.stderr.on('data', (chunk) => (stderr = (stderr + chunk).slice(-4000)));
	const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
	if (code !== 0) throw new Error(`vite build failed (exit ${code}):\n${stderr}`);
}
