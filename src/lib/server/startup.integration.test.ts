import { randomBytes } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { startAppServer } from '../../../scripts/services/app-server';
import { freePort } from '../../../scripts/services/free-port';
import { buildTimeSecrets } from '../../../scripts/testing/build-app';
import { signIn } from '../../../scripts/testing/http-session';
import { useMigratedDatabase } from '../../../scripts/testing/migrated-database';
import { hashPassword } from './passwords';

const database = useMigratedDatabase('startup');

async function filesUnder(dir: string): Promise<string[]> {
	const entries = await readdir(dir, { withFileTypes: true, recursive: true });
	return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('the built app', () => {
	it('refuses to start with a message naming each missing or invalid variable', async () => {
		const start = startAppServer({
			port: await freePort(),
			env: { DATABASE_URL: '', AUTH_SECRET: '', LIVEBLOCKS_SECRET_KEY: 'pk_public', LIVEBLOCKS_BASE_URL: '' }
		});
		await expect(start).rejects.toThrow(/DATABASE_URL is required/);
		await expect(start).rejects.toThrow(/AUTH_SECRET is required/);
		await expect(start).rejects.toThrow(/LIVEBLOCKS_SECRET_KEY must be a Liveblocks secret key/);
	});

	it('ships no secret to the browser', async () => {
		const files = await filesUnder(join(import.meta.dirname, '../../../build/client'));
		expect(files.some((file) => file.endsWith('.js'))).toBe(true);
		for (const file of files) {
			const text = await readFile(file, 'utf8');
			for (const [name, secret] of Object.entries(buildTimeSecrets)) {
				expect(text.includes(secret), `${name} found in ${file}`).toBe(false);
			}
		}
	});

	it('offers the identity providers that are configured, and only those', async () => {
		const env = {
			DATABASE_URL: database.url,
			AUTH_SECRET: randomBytes(32).toString('base64url'),
			LIVEBLOCKS_SECRET_KEY: 'sk_localdev',
			LIVEBLOCKS_BASE_URL: inject('liveblocksBaseUrl')
		};
		const plain = await startAppServer({ port: await freePort(), env });
		const withProviders = await startAppServer({
			port: await freePort(),
			env: {
				...env,
				OIDC_ISSUER: 'https://id.example.com',
				OIDC_CLIENT_ID: 'gatehouse',
				OIDC_CLIENT_SECRET: 'secret',
				OIDC_NAME: 'Example SSO',
				GITHUB_CLIENT_ID: 'id',
				GITHUB_CLIENT_SECRET: 'secret'
			}
		});
		try {
			const plainPage = await (await fetch(`${plain.url}/signin`)).text();
			expect(plainPage).not.toContain('Continue with');
			const page = await (await fetch(`${withProviders.url}/signin`)).text();
			expect(page).toContain('Continue with Example SSO');
			expect(page).toContain('Continue with GitHub');
		} finally {
			await plain.stop();
			await withProviders.stop();
		}
	});

	it("passes Liveblocks' status and body through when Liveblocks refuses", async () => {
		const password = 'a password for this test';
		const person = await database.db.person.create({
			data: { email: 'key@example.com', name: 'Key', passwordHash: await hashPassword(password) }
		});
		// The dev server accepts only sk_localdev, so another key is refused like a revoked one.
		const app = await startAppServer({
			port: await freePort(),
			env: {
				DATABASE_URL: database.url,
				AUTH_SECRET: randomBytes(32).toString('base64url'),
				LIVEBLOCKS_SECRET_KEY: 'sk_revoked',
				LIVEBLOCKS_BASE_URL: inject('liveblocksBaseUrl')
			}
		});
		try {
			const response = await fetch(`${app.url}/api/liveblocks-auth`, {
				method: 'POST',
				headers: {
					'content-type': 'application/json',
					origin: app.url,
					cookie: await signIn(app.url, person.email, password)
				},
				body: JSON.stringify({ room: 'r' })
			});
			expect(response.status).toBe(403);
			expect((await response.json()).message).toContain('Invalid secret key');
		} finally {
			await app.stop();
		}
	});
});
