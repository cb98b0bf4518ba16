import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

export type DemoAccount = { adminEmail: string; adminPassword: string };

/**
 * The demo admin's sign-in, kept beside the local data it belongs to (like the auth secret), so
 * every local start can say how to sign in, not only the first.
 */
export async function saveDemoAccount(dataDir: string, account: DemoAccount): Promise<void> {
	await writeFile(join(dataDir, 'demo-account.json'), JSON.stringify(account), { mode: 0o600 });
}

export async function readDemoAccount(dataDir: string): Promise<DemoAccount | undefined> {
	try {
		return JSON.parse(await readFile(join(dataDir, 'demo-account.json'), 'utf8')) as DemoAccount;
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
		throw error;
	}
}
