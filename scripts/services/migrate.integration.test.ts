import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { appendFile, cp, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from './migrate';
import { createTestDatabase, useTestDatabase } from './test-postgres';

const repoRoot = resolve(fileURLToPath(import.meta.url), '../../..');
const migrationsDir = join(repoRoot, 'prisma/migrations');
const schemaEngineShim = resolve(repoRoot, '../shared/tools/prisma-schema-engine/schema-engine.cjs');

const database = useTestDatabase('migrate');

async function migrationNames(): Promise<string[]> {
	const entries = await readdir(migrationsDir, { withFileTypes: true });
	return entries
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.sort();
}

async function query<Row extends pg.QueryResultRow>(
	url: string,
	sql: string,
	values: unknown[] = []
): Promise<Row[]> {
	const client = new pg.Client({ connectionString: url });
	await client.connect();
	try {
		return (await client.query<Row>(sql, values)).rows;
	} finally {
		await client.end();
	}
}

/** A copy of the real migrations that a test may change without touching the repository. */
async function copyOfMigrations(): Promise<string> {
	const dir = await mkdtemp(join(tmpdir(), 'gatehouse-migrations-'));
	await cp(migrationsDir, dir, { recursive: true });
	return dir;
}

describe('applyMigrations', () => {
	const scratchDirs: string[] = [];
	afterAll(async () => {
		await Promise.all(scratchDirs.map((dir) => rm(dir, { recursive: true, force: true })));
	});

	it('applies every migration to an empty database, in directory order', async () => {
		const applied = await applyMigrations(database.url);

		expect(applied).toEqual(await migrationNames());
		const tables = await query<{ table_name: string }>(
			database.url,
			`SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`
		);
		expect(tables.map((row) => row.table_name)).toEqual(
			expect.arrayContaining(['_prisma_migrations', 'Person'])
		);
	});

	it('applies nothing the second time', async () => {
		expect(await applyMigrations(database.url)).toEqual([]);
	});

	it('records each migration as Prisma does: sha256 of migration.sql, finished, one step', async () => {
		const rows = await query<{
			id: string;
			migration_name: string;
			checksum: string;
			finished_at: Date | null;
			started_at: Date;
			rolled_back_at: Date | null;
			applied_steps_count: number;
		}>(database.url, 'SELECT * FROM _prisma_migrations ORDER BY migration_name');

		const names = await migrationNames();
		expect(rows.map((row) => row.migration_name)).toEqual(names);
		for (const row of rows) {
			const sql = await readFile(join(migrationsDir, row.migration_name, 'migration.sql'));
			expect(row.checksum).toBe(createHash('sha256').update(sql).digest('hex'));
			expect(row.finished_at).toBeInstanceOf(Date);
			expect(row.finished_at!.getTime()).toBeGreaterThanOrEqual(row.started_at.getTime());
			expect(row.rolled_back_at).toBeNull();
			expect(row.applied_steps_count).toBe(1);
			expect(row.id).toMatch(/^[0-9a-f-]{36}$/);
		}
	});

	it.skipIf(!existsSync(schemaEngineShim))(
		'leaves a database that `prisma migrate status` calls up to date',
		async () => {
			const { stdout } = await promisify(execFile)('bash', ['scripts/prisma.sh', 'migrate', 'status'], {
				cwd: repoRoot,
				env: { ...process.env, DATABASE_URL: database.url }
			});
			expect(stdout).toContain('Database schema is up to date');
		}
	);

	it('refuses a migration whose file changed after it was applied, naming it', async () => {
		const dir = await copyOfMigrations();
		scratchDirs.push(dir);
		const [first] = await migrationNames();
		await appendFile(join(dir, first!, 'migration.sql'), '\n-- edited after it was applied\n');

		await expect(applyMigrations(database.url, dir)).rejects.toThrow(
			new RegExp(`Migration ${first} was modified after it was applied`)
		);
	});

	it('refuses to continue after a failed attempt, naming the migration', async () => {
		const dir = await copyOfMigrations();
		scratchDirs.push(dir);
		const name = '29990101000000_failed_before';
		await mkdir(join(dir, name));
		await writeFile(join(dir, name, 'migration.sql'), 'SELECT 1;\n');
		await query(
			database.url,
			`INSERT INTO _prisma_migrations (id, checksum, migration_name, logs) VALUES ($1, $2, $3, 'boom')`,
			['00000000-0000-4000-8000-000000000001', 'f'.repeat(64), name]
		);
		try {
			await expect(applyMigrations(database.url, dir)).rejects.toThrow(
				new RegExp(`Migration ${name} failed in an earlier attempt`)
			);
		} finally {
			await query(database.url, 'DELETE FROM _prisma_migrations WHERE migration_name = $1', [name]);
		}
	});

	it('rolls a failing migration back whole and records nothing for it', async () => {
		const dir = await copyOfMigrations();
		scratchDirs.push(dir);
		const name = '29990101000000_broken';
		await mkdir(join(dir, name));
		await writeFile(
			join(dir, name, 'migration.sql'),
			'CREATE TABLE "HalfDone" (id INT);\nSELECT * FROM "NoSuchTable";\n'
		);

		await expect(applyMigrations(database.url, dir)).rejects.toThrow(new RegExp(`Migration ${name} failed`));
		expect(
			await query(database.url, 'SELECT 1 FROM _prisma_migrations WHERE migration_name = $1', [name])
		).toEqual([]);
		expect(await query(database.url, `SELECT to_regclass('"HalfDone"') AS table`)).toEqual([{ table: null }]);
	});
});

describe('applyMigrations from several instances at once', () => {
	let fresh: Awaited<ReturnType<typeof createTestDatabase>>;
	beforeAll(async () => {
		fresh = await createTestDatabase('migrate_parallel');
	});
	afterAll(async () => {
		await fresh?.drop();
	});

	it('applies each migration exactly once', async () => {
		const results = await Promise.all([1, 2, 3, 4].map(() => applyMigrations(fresh.url)));

		const names = await migrationNames();
		expect(results.flat().sort()).toEqual(names);
		const rows = await query<{ migration_name: string }>(
			fresh.url,
			'SELECT migration_name FROM _prisma_migrations'
		);
		expect(rows).toHaveLength(names.length);
	});
});
