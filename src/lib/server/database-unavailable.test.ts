import { CallbackRouteError } from '@auth/core/errors';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, markUnreachable } from './database-unavailable';
import { Prisma } from './prisma/client';

const prismaError = (code: string, meta: Record<string, unknown> = {}) =>
	new Prisma.PrismaClientKnownRequestError('Invalid invocation', { code, clientVersion: '7.10.0', meta });

const adapterError = (cause: Record<string, unknown>) => ({
	driverAdapterError: { name: 'DriverAdapterError', cause }
});

/** What Auth.js throws when a callback threw `error` (its types take only a message). */
const thrownByAuthjs = (error: Error) =>
	new (CallbackRouteError as unknown as new (cause: Error) => Error)(error);

function serverError(sqlState: string, message: string) {
	const error = new pg.DatabaseError(message, 0, 'error');
	error.code = sqlState;
	error.severity = 'ERROR';
	return error;
}

// The shapes below are the ones Prisma 7 with @prisma/adapter-pg and node-postgres produced
// against a stopped, hung and slow database (see database-unavailable.integration.test.ts).
describe('isDatabaseUnavailable', () => {
	it.each([
		['a stopped server (P1001)', prismaError('P1001', adapterError({ kind: 'DatabaseNotReachable' }))],
		[
			'a raw query to a stopped server (P2010)',
			prismaError('P2010', adapterError({ kind: 'DatabaseNotReachable' }))
		],
		[
			'a statement cancelled by statement_timeout',
			prismaError('P2010', adapterError({ kind: 'postgres', originalCode: '57014' }))
		],
		['a closed connection (P1017)', prismaError('P1017')],
		['a transaction that could not start in time (P2028)', prismaError('P2028')],
		['too many connections (P2037)', prismaError('P2037')],
		['a connect timeout', new Error('Connection terminated due to connection timeout')],
		['no free connection in the pool in time', new Error('timeout exceeded when trying to connect')],
		['an unanswered query', new Error('Query read timeout')],
		['a lost connection', new Error('Connection terminated unexpectedly')],
		[
			'a connection ended by the server',
			new Error('Client has encountered a connection error and is not queryable')
		],
		['a server shutting down', serverError('57P01', 'terminating connection due to administrator command')],
		['a server starting up', serverError('57P03', 'the database system is starting up')],
		[
			'a session ended for idling in a transaction',
			serverError('25P03', 'terminating connection due to idle-in-transaction timeout')
		]
	])('recognises %s', (_, error) => {
		expect(isDatabaseUnavailable(error)).toBe(true);
	});

	it('finds the cause inside what Auth.js throws from a callback', () => {
		const timeout = new Error('Connection terminated due to connection timeout', {
			cause: new Error('Connection terminated unexpectedly')
		});
		expect(isDatabaseUnavailable(thrownByAuthjs(timeout))).toBe(true);
		const unreachable = prismaError('P2010', adapterError({ kind: 'DatabaseNotReachable' }));
		expect(isDatabaseUnavailable(thrownByAuthjs(unreachable))).toBe(true);
	});

	it.each([
		['a unique violation', prismaError('P2002')],
		['a foreign-key violation', prismaError('P2003')],
		[
			'a raw query with a syntax error',
			prismaError('P2010', adapterError({ kind: 'postgres', originalCode: '42601' }))
		],
		['a server error that is not about availability', serverError('23505', 'duplicate key value')],
		// Liveblocks unreachable: fetch's socket error must not read as the database's.
		[
			'a failed fetch',
			new TypeError('fetch failed', {
				cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })
			})
		],
		['an error whose code merely looks like a SQLSTATE', Object.assign(new Error('x'), { code: '08006' })],
		['a plain error', new Error('Something else')],
		['not an error at all', 'Connection terminated'],
		['nothing', undefined]
	])('does not mistake %s for it', (_, error) => {
		expect(isDatabaseUnavailable(error)).toBe(false);
	});

	it('recognises a socket failure of a statement sent on the pool once it is marked, and only that', () => {
		const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), {
			code: 'ECONNREFUSED',
			syscall: 'connect'
		});
		expect(isDatabaseUnavailable(refused)).toBe(false);
		expect(isDatabaseUnavailable(markUnreachable(refused))).toBe(true);
		const syntax = serverError('42601', 'syntax error');
		expect(markUnreachable(syntax)).toBe(syntax);
		const bug = new TypeError('x is undefined');
		expect(markUnreachable(bug)).toBe(bug);
	});

	it('stops on errors that cause each other', () => {
		const a: Error & { cause?: unknown } = new Error('a');
		a.cause = new Error('b', { cause: a });
		expect(isDatabaseUnavailable(a)).toBe(false);
	});
});
