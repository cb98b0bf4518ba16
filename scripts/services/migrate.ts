import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

const defaultMigrationsDir = resolve(fileURLToPath(import.meta.url), '../../../prisma/migrations');

/** Prisma's own lock id: our runs and `prisma migrate deploy` never run migrations at the same time. */
const prismaAdvisoryLockId = 72707369;

/** Prisma's bookkeeping table, column for column, so the Prisma CLI reads what we record. */
const createMigrationsTable = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
)`;

interface Migration {
	name: string;
	sql: string;
	checksum: string;
}

interface AppliedMigration {
	migration_name: string;
	checksum: string;
	finished_at: Date | null;
}

/**
 * Applies the Prisma migrations in `migrationsDir` that the database does not have yet, without the
 * Prisma CLI (whose native engine a production machine may not have). Records them in
 * `_prisma_migrations` as Prisma does, so `prisma migrate status` agrees. Safe to call from several
 * instances at once. Resolves with the names of the migrations applied by this call.
 */
export async function applyMigrations(
	databaseUrl: string,
	migrationsDir: string = defaultMigrationsDir
): Promise<string[]> {
	const migrations = await readMigrations(migrationsDir);
	const client = new pg.Client({ connectionString: databaseUrl });
	await client.connect();
	try {
		// Session-level: held across the per-migration transactions, released when the client ends.
		await client.query('SELECT pg_advisory_lock($1)', [prismaAdvisoryLockId]);
		await client.query(createMigrationsTable);
		const applied = await appliedMigrations(client);
		const pending = migrations.filter((migration) => {
			const record = applied.get(migration.name);
			if (record) checkRecord(migration, record);
			return !record;
		});
		for (const migration of pending) await applyMigration(client, migration);
		return pending.map((migration) => migration.name);
	} finally {
		await client.end();
	}
}

/** Directories in name order (their timestamp prefix), as Prisma orders them. */
async function readMigrations(migrationsDir: string): Promise<Migration[]> {
	const entries = await readdir(migrationsDir, { withFileTypes: true });
	const names = entries
		.filter((entry) => entry.isDirectory())
		.map((entry) => entry.name)
		.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
	return Promise.all(
		names.map(async (name) => {
			const file = join(migrationsDir, name, 'migration.sql');
			const bytes = await readFile(file).catch(() => {
				throw new Error(`Migration ${name} has no migration.sql (${file})`);
			});
			return {
				name,
				sql: bytes.toString('utf8'),
				checksum: createHash('sha256').update(bytes).digest('hex')
			};
		})
	);
}

/** The rows that count: a migration marked rolled back (prisma migrate resolve) is to be applied again. */
async function appliedMigrations(client: pg.Client): Promise<Map<string, AppliedMigration>> {
	const { rows } = await client.query<AppliedMigration>(
		`SELECT migration_name, checksum, finished_at FROM _prisma_migrations
		 WHERE rolled_back_at IS NULL ORDER BY started_at`
	);
	return new Map(rows.map((row) => [row.migration_name, row]));
}

function checkRecord(migration: Migration, record: AppliedMigration): void {
	if (record.finished_at === null) {
		throw new Error(
			`Migration ${migration.name} failed in an earlier attempt and the database may be half-migrated: ` +
				'fix the database, then mark it with `prisma migrate resolve --rolled-back` or `--applied`'
		);
	}
	if (record.checksum !== migration.checksum) {
		throw new Error(
			`Migration ${migration.name} was modified after it was applied (checksum ${record.checksum} in the ` +
				`database, ${migration.checksum} on disk): restore the applied file and put changes in a new migration`
		);
	}
}

/** The migration and its bookkeeping commit together, or neither does: a failure leaves no trace to clean up. */
async function applyMigration(client: pg.Client, migration: Migration): Promise<void> {
	const id = randomUUID();
	await client.query('BEGIN');
	try {
		await client.query('INSERT INTO _prisma_migrations (id, checksum, migration_name) VALUES ($1, $2, $3)', [
			id,
			migration.checksum,
			migration.name
		]);
		await client.query(migration.sql);
		// clock_timestamp(), not now(): now() is the transaction's start, which started_at already holds.
		await client.query(
			'UPDATE _prisma_migrations SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1',
			[id]
		);
		await client.query('COMMIT');
	} catch (error) {
		// A broken connection fails the ROLLBACK too; the migration's own error is the one to report.
		await client.query('ROLLBACK').catch(() => undefined);
		const reason = error instanceof Error ? error.message : String(error);
		throw new Error(`Migration ${migration.name} failed and was rolled back: ${reason}`, { cause: error });
	}
}
