import { env } from './env';
import { connectDatabase } from './prisma-client';

/** The app's one database client, bounded in time by the environment's database timeouts. */
export const db = connectDatabase(env.DATABASE_URL, {
	connectMs: env.DATABASE_CONNECT_TIMEOUT_MS,
	statementMs: env.DATABASE_STATEMENT_TIMEOUT_MS,
	idleInTransactionMs: env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS
});
