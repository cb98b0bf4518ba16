import type { PoolConfig } from 'pg';

/**
 * How long the app waits on PostgreSQL (docs/decisions/015-database-timeouts.md). Every value is
 * in milliseconds and set through the environment (DATABASE_*_TIMEOUT_MS); these are the defaults.
 */
export type DatabaseTimeouts = {
	/** To open a connection, or to wait for a free one in the pool. */
	connectMs: number;
	/** For one statement: the server cancels it, and the client gives up soon after if no answer comes. */
	statementMs: number;
	/** For a transaction left open with no statement running; the server ends its session. */
	idleInTransactionMs: number;
};

export const defaultDatabaseTimeouts: DatabaseTimeouts = {
	connectMs: 5_000,
	statementMs: 10_000,
	idleInTransactionMs: 30_000
};

/**
 * For scripts that write in bulk on purpose, such as the benchmarks' seeding (one INSERT of a
 * million audit events, VACUUM ANALYZE of a large database): minutes per statement instead of
 * seconds. Never the app's: its statements answer a person who is waiting.
 */
export const bulkDatabaseTimeouts: DatabaseTimeouts = {
	connectMs: defaultDatabaseTimeouts.connectMs,
	statementMs: 15 * 60_000,
	idleInTransactionMs: defaultDatabaseTimeouts.idleInTransactionMs
};

/**
 * The server cancels a statement at statementMs and says so; the client's own limit, a little
 * later, covers a server or network that says nothing at all.
 */
const unansweredMarginMs = 2_000;

/** The node-postgres pool settings that enforce `timeouts`. */
export function poolTimeouts(timeouts: DatabaseTimeouts): PoolConfig {
	return {
		connectionTimeoutMillis: timeouts.connectMs,
		statement_timeout: timeouts.statementMs,
		query_timeout: timeouts.statementMs + unansweredMarginMs,
		idle_in_transaction_session_timeout: timeouts.idleInTransactionMs
	};
}
