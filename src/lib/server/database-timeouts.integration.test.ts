import type { RoomData } from '@liveblocks/node';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { useMigratedDatabase } from '../../../scripts/testing/migrated-database';
import { defaultDatabaseTimeouts, type DatabaseTimeouts } from './database-timeouts';
import { isDatabaseUnavailable } from './database-unavailable';
import { applyImport } from './people/import';
import { connectDatabase, type Database } from './prisma-client';
import { mirrorRooms } from './rooms/mirror';

const database = useMigratedDatabase('database_timeouts');

const clients: Database[] = [];
afterAll(() => Promise.all(clients.map((client) => client.$disconnect())));

/** A client of the test database with `timeouts`, as db.ts makes the app's. */
function boundedBy(timeouts: Partial<DatabaseTimeouts>): Database {
	const client = connectDatabase(database.url, { ...defaultDatabaseTimeouts, ...timeouts });
	clients.push(client);
	return client;
}

async function setting(db: Database, name: 'statement_timeout' | 'idle_in_transaction_session_timeout') {
	const [row] = await db.$queryRawUnsafe<Record<string, string>[]>(`SHOW ${name}`);
	return row![name];
}

describe('the bounds on database calls', () => {
	it('reach every connection of the pool', async () => {
		const db = boundedBy({});
		expect(await setting(db, 'statement_timeout')).toBe('10s');
		expect(await setting(db, 'idle_in_transaction_session_timeout')).toBe('30s');
		expect(await setting(boundedBy({ statementMs: 2_500 }), 'statement_timeout')).toBe('2500ms');
	});

	it('bound each statement, not a transaction of many short statements such as an import', async () => {
		const db = boundedBy({ statementMs: 300, idleInTransactionMs: 300 });
		const admin = await db.person.create({
			data: { email: `admin-${crypto.randomUUID()}@example.com`, name: 'Ada', role: 'admin' }
		});
		const emails = Array.from({ length: 400 }, () => `${crypto.randomUUID()}@example.com`);
		const started = Date.now();
		const result = await applyImport(db, admin.id, ['email,name', ...emails.map((e) => `${e},P`)].join('\n'));
		expect(result.applied).toBe(true);
		expect(Date.now() - started).toBeGreaterThan(300);
		expect(await db.person.count({ where: { email: { in: emails } } })).toBe(emails.length);
	});

	it('let a room sync write a page of thousands of rooms without waiting past the connect bound', async () => {
		const db = boundedBy({ connectMs: 1_000 });
		const prefix = crypto.randomUUID();
		const rooms = Array.from({ length: 2_000 }, (_, index): RoomData => ({
			type: 'room',
			id: `${prefix}-${index}`,
			organizationId: 'org',
			metadata: { title: `Room ${index}` },
			defaultAccesses: [],
			groupsAccesses: {},
			usersAccesses: {},
			createdAt: new Date(),
			lastConnectionAt: undefined
		}));
		await mirrorRooms(db, rooms);
		expect(await db.room.count({ where: { id: { startsWith: prefix } } })).toBe(rooms.length);
	});

	it('end a transaction left idle past its bound, and the pool carries on', async () => {
		const db = boundedBy({ idleInTransactionMs: 300 });
		const idling = db.$transaction(
			async (tx) => {
				await tx.person.count();
				await sleep(1_000);
				return tx.person.count();
			},
			{ timeout: 5_000 }
		);
		const error = await idling.then(
			() => undefined,
			(thrown: unknown) => thrown
		);
		expect(isDatabaseUnavailable(error)).toBe(true);
		expect(await db.person.count()).toBeGreaterThanOrEqual(0);
	});
});
