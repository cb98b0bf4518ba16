import type { Prisma } from './prisma/client';
import type { Database } from './prisma-client';

/** The database, or a transaction on it: domain writes take either, so callers choose the scope. */
export type Transaction = Prisma.TransactionClient | Database;

/** True for PostgreSQL's unique violation as Prisma reports it (P2002). */
export function isUniqueViolation(error: unknown): boolean {
	return (error as { code?: unknown } | null)?.code === 'P2002';
}
