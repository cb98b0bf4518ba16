import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A tripwire: every server entry point (page load, form action, endpoint) must go through
 * requirePerson() (the ID-token endpoint through requireTokenHolder()), except the few that are public on purpose, each with its reason.
 */
const publicOnPurpose: Record<string, string> = {
	'(auth)/signin/+page.server.ts': 'the way in',
	'(auth)/signout/+page.server.ts': 'anyone may end their own session'
};

const routesDir = join(import.meta.dirname, '../../routes');

function serverEntryPoints(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return serverEntryPoints(path);
		return /^\+(page\.server|layout\.server|server)\.ts$/.test(entry.name) ? [path] : [];
	});
}

describe('server entry points', () => {
	const files = serverEntryPoints(routesDir).map((path) => relative(routesDir, path));

	it('exist', () => {
		expect(files).toContain('api/liveblocks-auth/+server.ts');
	});

	it.each(files.filter((file) => !(file in publicOnPurpose)))('%s goes through a door', (file) => {
		expect(readFileSync(join(routesDir, file), 'utf8')).toMatch(
			/\b(requirePerson|requireTokenHolder)\(event\b/
		);
	});
});
