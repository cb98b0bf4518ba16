import { PrismaPg } from '@prisma/adapter-pg';
import { defaultDatabaseTimeouts, poolTimeouts, type DatabaseTimeouts } from './database-timeouts';
import { PrismaClient } from './prisma/client';

/**
 * A Prisma client over node-postgres, bounded in time. The app has one (db.ts, with the timeouts
 * from the environment); scripts and tests make their own.
 */
export function connectDatabase(
	connectionString: string,
	timeouts: DatabaseTimeouts = defaultDatabaseTimeouts
): PrismaClient {
	return new PrismaClient({
		adapter: new PrismaPg({ connectionString, ...poolTimeouts(timeouts) })
	});
}

export type Database = PrismaClient;
