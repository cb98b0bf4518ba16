import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The AUTH_SECRET of a local install: random, made on first start and kept in `<dataDir>/auth-secret` so
 * sessions survive restarts. Never a constant in the code, which would let anyone forge sessions on
 * every machine that runs the demo.
 */
export async function readOrCreateAuthSecret(dataDir: string): Promise<string> {
	const file = join(dataDir, 'auth-secret');
	const existing = await readSecret(file);
	if (existing !== undefined) return existing;

	await mkdir(dataDir, { recursive: true });
	const secret = randomBytes(32).toString('base64url');
	try {
		// 'wx' fails if another process created the file meanwhile: then its secret is the one to use.
		await writeFile(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
		return secret;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
		return (await readSecret(file)) ?? secret;
	}
}

async function readSecret(file: string): Promise<string | undefined> {
	let content: string;
	try {
		content = await readFile(file, 'utf8');
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
	const secret = content.trim();
	if (secret.length < 32) throw new Error(`${file} holds no usable secret: delete it to make a new one`);
	return secret;
}
