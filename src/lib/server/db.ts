import { env } from './env';
import { connectDatabase, connectPool } from './prisma-client';

/**
 * The app's one pool of PostgreSQL connections, bounded in time by the environment's database
 * timeouts. Prisma uses it, and so does the ID-token endpoint's one statement, which skips Prisma
 * for its cost per call (docs/decisions/025-token-endpoint-one-statement.md).
 */
export const pool = connectPool(env.DATABASE_URL, {
	connectMs: env.DATABASE_CONNECT_TIMEOUT_MS,
	statementMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
	idleInTransactionMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS
});

/** The app's one database client. */
export const db = connectDatabase(pool);
