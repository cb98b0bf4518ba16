import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { defaultDatabaseTimeouts, poolTimeouts, type DatabaseTimeouts } from './database-timeouts';
import { PrismaClient } from './prisma/client';

/** A node-postgres pool bounded in time. */
export function connectPool(
	connectionString: string,
	timeouts: DatabaseTimeouts = defaultDatabaseTimeouts
): pg.Pool {
	return new pg.Pool({ connectionString, ...poolTimeouts(timeouts) });
}

/**
 * A Prisma client over node-postgres, bounded in time. The app has one (db.ts, with the timeouts
 * from the environment), over a pool it shares with the ID-token endpoint's one statement;
 * scripts and tests make their own. Disconnecting the client ends its pool.
 */
export function connectDatabase(
	source: string | pg.Pool,
	timeouts: DatabaseTimeouts = defaultDatabaseTimeouts
): PrismaClient {
	const pool = typeof source === 'string' ? connectPool(source, timeouts) : source;
	return new PrismaClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) });
}

export type Database = PrismaClient;
