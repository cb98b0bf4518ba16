import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { recordAudit, recordAudits } from './audit';
import { addMembers, removeMembers } from './groups/memberships';
import { insertPerson, updatePerson } from './people/write';
import type { Prisma } from './prisma/client';
import type { Database } from './prisma-client';
import { queueEntryRemoval } from './rooms/referencing';
import { queueBulkJob } from './rooms/bulk/create';
import type { DbOrTx, Tx } from './transaction';

// These checks run when the types are checked (`npm run check`), not when the test runs: a
// building block that took the bare client again would fail the check, and so would each
// expected error below once the call it marks compiled.
describe('the transaction a building block requires', () => {
	it('is satisfied neither by the bare client nor by a transaction Prisma opened directly', () => {
		expectTypeOf<Database>().not.toExtend<Tx>();
		expectTypeOf<Prisma.TransactionClient>().not.toExtend<Tx>();
		// Reads take either, so an entry point can hand its transaction to them.
		expectTypeOf<Tx>().toExtend<DbOrTx>();
		expectTypeOf<Database>().toExtend<DbOrTx>();
	});

	it('is what audit recording, membership changes, person writes and job queueing take', () => {
		for (const block of [
			recordAudit,
			recordAudits,
			addMembers,
			removeMembers,
			insertPerson,
			updatePerson,
			queueBulkJob,
			queueEntryRemoval
		]) {
			expectTypeOf(block).parameter(0).toEqualTypeOf<Tx>();
		}
	});

	it('refuses a call with the bare client at compile time', () => {
		const callWithBareClient = (db: Database, raw: Prisma.TransactionClient) => [
			// @ts-expect-error the bare client is no transaction: the event could commit without its change
			recordAudit(db, { actorId: null, action: 'group.deleted', target: { type: 'group', id: 'g' } }),
			// @ts-expect-error nor is a transaction opened by db.$transaction instead of withTransaction
			addMembers(raw, null, 'g', [])
		];
		expect(callWithBareClient).toBeTypeOf('function');
	});
});

const srcDir = join(import.meta.dirname, '../..');

function typescriptFiles(dir: string): string[] {
	return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) return entry.name === 'prisma' ? [] : typescriptFiles(path);
		return /\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name) ? [path] : [];
	});
}

// The types cannot stop a call of db.$transaction followed by a cast; this tripwire does.
describe('who opens transactions', () => {
	const files = typescriptFiles(srcDir).map((path) => relative(srcDir, path));

	it('only withTransaction calls $transaction', () => {
		const callers = files.filter((file) =>
			readFileSync(join(srcDir, file), 'utf8').includes('$transaction(')
		);
		expect(callers).toEqual(['lib/server/transaction.ts']);
	});

	it('routes never open one: domain entry points do', () => {
		const routes = files.filter((file) => file.startsWith('routes/'));
		expect(routes.length).toBeGreaterThan(10);
		const opening = routes.filter((file) =>
			/\bwithTransaction\(|\$transaction\(/.test(readFileSync(join(srcDir, file), 'utf8'))
		);
		expect(opening).toEqual([]);
	});
});
