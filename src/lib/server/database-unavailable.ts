// The one place that tells "the database is unavailable" from every other failure
// (docs/decisions/015-database-timeouts.md). Prisma reports some of these with its own codes and
// lets node-postgres's plain errors through for others, so both are recognised here.

/** What a person or a caller is told, whatever the page or endpoint. */
export const databaseUnavailableMessage = 'The database is unavailable; try again in a minute.';

/** Sent as Retry-After with every 503 for an unavailable database. */
export const databaseRetryAfterSeconds = 60;

/**
 * Prisma's codes: can't reach (P1001), connection timed out (P1002), operation timed out (P1008),
 * server closed the connection (P1017), no connection from the pool in time (P2024), a
 * transaction that could not start or finish in time (P2028), too many connections (P2037).
 */
const prismaCodes = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2028', 'P2037']);

/**
 * PostgreSQL's SQLSTATEs: connection exceptions (08), statement timeout or cancel (57014), server
 * shutting down or starting (57P01-57P03), out of resources (53), the session ended after idling in
 * a transaction (25P03).
 */
const unavailableSqlState = /^(08...|57014|57P0[123]|53...|25P03)$/;

/** node-postgres's own errors (they carry no code): connect, pool and read timeouts, lost connections. */
const driverMessages = [
	'timeout exceeded when trying to connect',
	'Connection terminated',
	'Query read timeout',
	'Client has encountered a connection error and is not queryable',
	'Client was closed and is not queryable'
];

/**
 * The driver adapter's own kinds, which Prisma passes on as they are for raw queries (P2010):
 * server not reachable, connection closed, socket timed out, too many connections.
 */
const adapterKinds = new Set([
	'DatabaseNotReachable',
	'ConnectionClosed',
	'SocketTimeout',
	'TooManyConnections'
]);

/**
 * A statement sent straight on the pool (not through Prisma) that reached no server: node-postgres
 * passes the socket's own error on as it is (ECONNREFUSED...), with nothing that says "database".
 */
export class DatabaseUnreachable extends Error {
	override name = 'DatabaseUnreachable';
}

/**
 * What a statement on the pool threw, with a socket failure (an errno code such as ECONNREFUSED,
 * and no SQLSTATE from a server) marked as the database being unreachable. Anything else as it is.
 */
export function markUnreachable(error: unknown): unknown {
	const { code, severity } = (error ?? {}) as ErrorLike;
	const socketFailure = typeof code === 'string' && /^E[A-Z_]+$/.test(code) && severity === undefined;
	return socketFailure
		? new DatabaseUnreachable('The database could not be reached', { cause: error })
		: error;
}

type ErrorLike = {
	code?: unknown;
	/** Set on node-postgres's errors from the server, whose code is the SQLSTATE. */
	severity?: unknown;
	message?: unknown;
	cause?: unknown;
	/** Where Auth.js keeps what a callback threw. */
	err?: unknown;
	meta?: { driverAdapterError?: { cause?: { kind?: unknown; originalCode?: unknown } } };
};

function isUnavailableItself(error: ErrorLike): boolean {
	if (error instanceof DatabaseUnreachable) return true;
	const code = typeof error.code === 'string' ? error.code : '';
	if (prismaCodes.has(code)) return true;
	const adapterError = error.meta?.driverAdapterError?.cause;
	if (typeof adapterError?.kind === 'string' && adapterKinds.has(adapterError.kind)) return true;
	const sqlState = typeof error.severity === 'string' ? code : adapterError?.originalCode;
	if (typeof sqlState === 'string' && unavailableSqlState.test(sqlState)) return true;
	const message = typeof error.message === 'string' ? error.message : '';
	return driverMessages.some((start) => message.startsWith(start));
}

/**
 * The error, `error` itself or one it was caused by, that says the database cannot be used now:
 * not reachable, not answering in time, or going away. Auth.js wraps what a callback threw as
 * `cause.err`, so that is followed too.
 */
export function databaseFailureIn(error: unknown): Error | undefined {
	const seen = new Set<unknown>();
	const waiting = [error];
	while (waiting.length > 0) {
		const candidate = waiting.shift();
		if (typeof candidate !== 'object' || candidate === null || seen.has(candidate)) continue;
		seen.add(candidate);
		const errorLike = candidate as ErrorLike;
		if (candidate instanceof Error && isUnavailableItself(errorLike)) return candidate;
		waiting.push(errorLike.cause, errorLike.err);
	}
	return undefined;
}

export const isDatabaseUnavailable = (error: unknown): boolean => databaseFailureIn(error) !== undefined;

/** One log line for a request the database failed: why, without a stack per request. */
export function logDatabaseUnavailable(during: string, error: unknown): void {
	const failure = databaseFailureIn(error);
	console.error(`[database] unavailable during ${during}: ${failure?.message.trim() ?? String(error)}`);
}
