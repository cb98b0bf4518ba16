import { domainErrorFor } from './constraint-violations';
import type { Prisma } from './prisma/client';
import type { Database } from './prisma-client';

declare const opened: unique symbol;

/**
 * A transaction opened by withTransaction, and nothing else: building blocks whose writes must
 * commit together with their caller's (an audit event beside its change, a membership beside its
 * events) take this, so calling one with the bare client does not compile
 * (docs/decisions/016-transactions-by-type.md). The brand exists only in types.
 */
export type Tx = Prisma.TransactionClient & { readonly [opened]: true };

/** The database or a transaction on it: for reads, and single statements that stand alone. */
export type DbOrTx = Prisma.TransactionClient | Database;

export type TransactionOptions = { timeout?: number; maxWait?: number };

/**
 * Runs `work` in one transaction: the way domain entry points start theirs. A unique or
 * foreign-key violation (another person has the email, the group was just deleted...) leaves as
 * the domain error that says so (constraint-violations.ts); any other failure as it was.
 */
export async function withTransaction<T>(
	db: Database,
	work: (tx: Tx) => Promise<T>,
	options?: TransactionOptions
): Promise<T> {
	try {
		return await db.$transaction((tx) => work(tx as Tx), options);
	} catch (error) {
		throw domainErrorFor(error) ?? error;
	}
}
