import pg from 'pg';

/**
 * Lower-case letters, digits and underscores only: such a name never needs case folding rules, is
 * safe in a URL path, and still gets quoted in SQL.
 */
const databaseNamePattern = /^[a-z_][a-z0-9_]{0,62}$/;

/** The URL of database `name` on the server at `serverUrl` (which has no database path; its query is kept). */
export function databaseUrl(serverUrl: string, name: string): string {
	const url = new URL(serverUrl);
	url.pathname = `/${checkedName(name)}`;
	return url.toString();
}

/** Creates database `name` unless it exists. Resolves true when it was created now. */
export async function createDatabase(serverUrl: string, name: string): Promise<boolean> {
	return withMaintenanceClient(serverUrl, async (client) => {
		const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [checkedName(name)]);
		if (existing.rowCount) return false;
		try {
			await client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`);
			return true;
		} catch (error) {
			// Another process created it between the check and now.
			if ((error as { code?: string }).code === '42P04') return false;
			throw error;
		}
	});
}

/** Drops database `name` if it exists, closing the connections still open to it. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
	await withMaintenanceClient(serverUrl, async (client) => {
		// FORCE terminates the other sessions and drops in one statement, so none can connect in between.
		await client.query(`DROP DATABASE IF EXISTS ${client.escapeIdentifier(checkedName(name))} WITH (FORCE)`);
	});
}

function checkedName(name: string): string {
	if (!databaseNamePattern.test(name)) {
		throw new Error(
			`Invalid database name "${name}": use at most 63 lower-case letters, digits and underscores`
		);
	}
	return name;
}

/** CREATE and DROP DATABASE cannot run inside the database they touch, so connect to `postgres`. */
async function withMaintenanceClient<T>(
	serverUrl: string,
	work: (client: pg.Client) => Promise<T>
): Promise<T> {
	const client = new pg.Client({ connectionString: databaseUrl(serverUrl, 'postgres') });
	await client.connect();
	try {
		return await work(client);
	} finally {
		await client.end();
	}
}
