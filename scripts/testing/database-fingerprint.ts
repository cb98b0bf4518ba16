import type { Database } from '../../src/lib/server/prisma-client';

/**
 * One digest per table of every row's content (not only counts: a refused deactivation would
 * change a row, not add one), so a test can prove a refused call wrote nothing anywhere.
 * `except` names tables that change on purpose even on refusal (failed password checks are
 * counted, decision 013).
 */
export async function databaseFingerprint(
	db: Database,
	except: readonly string[] = []
): Promise<Record<string, string>> {
	const tables = await db.$queryRaw<{ tablename: string }[]>`
		SELECT tablename FROM pg_tables
		WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'
		ORDER BY tablename`;
	const digests = await db.$queryRawUnsafe<{ table: string; digest: string }[]>(
		tables
			.filter(({ tablename }) => !except.includes(tablename))
			.map(
				({ tablename }) =>
					`SELECT '${tablename}' AS "table", md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS digest FROM "${tablename}" t`
			)
			.join(' UNION ALL ')
	);
	return Object.fromEntries(digests.map(({ table, digest }) => [table, digest]));
}
