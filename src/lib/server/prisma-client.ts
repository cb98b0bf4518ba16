import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './prisma/client';

/** A Prisma client over node-postgres. The app has one (db.ts); scripts and tests make their own. */
export function connectDatabase(connectionString: string): PrismaClient {
	return new PrismaClient({ adapter: new PrismaPg({ connectionString }) });
}

export type Database = PrismaClient;
