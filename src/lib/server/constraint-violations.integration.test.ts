import { describe, expect, it } from 'vitest';
import { personSchema } from '$lib/schemas/person';
import { useMigratedDatabase } from '../../../scripts/testing/migrated-database';
import { requestAccess } from './access-requests/request';
import { resolveExternalLogin } from './auth/external-accounts';
import {
	AlreadyRequested,
	EmailTaken,
	GroupIdTaken,
	GroupNotFound,
	MembershipChanged,
	PersonNotFound
} from './domain-errors';
import { addMembers, addMembersToGroup } from './groups/memberships';
import { createGroup, deleteGroupWithMembers, updateGroup } from './groups/write';
import { saveProfile } from './people/edit';
import { createPerson } from './people/write';
import { withTransaction, type Tx } from './transaction';

// Every unique and foreign-key rule a user's action can break, broken for real in PostgreSQL
// through the domain entry points, races included: the loser gets the domain error, nothing else.
const database = useMigratedDatabase('constraint_violations');

const unique = (prefix: string) => `${prefix}-${crypto.randomUUID().slice(0, 8)}`;
const email = (prefix: string) => `${unique(prefix)}@example.com`;
const newPerson = (address = email('p'), name = 'Pat') =>
	createPerson(database.db, null, personSchema.parse({ name, email: address }));
const newGroup = (id = unique('g')) => createGroup(database.db, null, { id, name: id, description: '' });

/** Why the promises that failed did. */
function failures(results: PromiseSettledResult<unknown>[]): unknown[] {
	return results.filter((result) => result.status === 'rejected').map((result) => result.reason);
}

/**
 * Runs `first` in a transaction that stays open until `second` has started and had `waitMs` to
 * reach the row `first` holds, then commits it: the interleaving a race produces, made certain.
 */
async function whileOpen<T>(first: (tx: Tx) => Promise<unknown>, second: () => Promise<T>, waitMs = 300) {
	let ready!: () => void;
	let commit!: () => void;
	const started = new Promise<void>((resolve) => (ready = resolve));
	const held = withTransaction(database.db, async (tx) => {
		await first(tx);
		ready();
		await new Promise<void>((resolve) => (commit = resolve));
	});
	await started;
	const outcome = second().then(
		(value) => ({ value }),
		(error: unknown) => ({ error })
	);
	await new Promise((resolve) => setTimeout(resolve, waitMs));
	commit();
	await held;
	return outcome;
}

describe('unique rules', () => {
	it('lets one of five concurrent creations of an email win; the others get "That email is taken"', async () => {
		const address = email('race');
		const results = await Promise.allSettled(
			['A', 'B', 'C', 'D', 'E'].map((name) => newPerson(address, name))
		);
		expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
		const refused = failures(results);
		expect(refused).toHaveLength(4);
		for (const error of refused) {
			expect(error).toBeInstanceOf(EmailTaken);
			expect((error as Error).message).toBe('That email is taken: another person already has it.');
		}
		expect(await database.db.person.count({ where: { email: address } })).toBe(1);
		expect(
			await database.db.auditEvent.count({
				where: { action: 'person.created', after: { path: ['email'], equals: address } }
			})
		).toBe(1);
	});

	it('refuses renaming to an email that a concurrent creation takes first', async () => {
		const address = email('contested');
		const mover = await newPerson();
		const outcome = await whileOpen(
			(tx) => tx.person.create({ data: { email: address, name: 'First' } }),
			() =>
				saveProfile(database.db, null, mover.id, { ...personSchema.parse({ name: 'Mover', email: address }) })
		);
		expect(outcome).toEqual({ error: expect.any(EmailTaken) });
		expect((await database.db.person.findUniqueOrThrow({ where: { id: mover.id } })).email).toBe(mover.email);
	});

	it('gives GroupIdTaken to the loser of two creations of one group id', async () => {
		const id = unique('twin');
		const refused = failures(await Promise.allSettled([newGroup(id), newGroup(id)]));
		expect(refused).toEqual([expect.any(GroupIdTaken)]);
		expect(await database.db.auditEvent.count({ where: { targetId: id, action: 'group.created' } })).toBe(1);
	});

	it('gives MembershipChanged when another admin adds the same person at the same moment', async () => {
		const group = await newGroup();
		const person = await newPerson();
		const outcome = await whileOpen(
			(tx) => addMembers(tx, 'first-admin', group.id, [person.id]),
			() => addMembersToGroup(database.db, 'second-admin', group.id, [person.id])
		);
		expect(outcome).toEqual({ error: expect.any(MembershipChanged) });
		expect(
			await database.db.auditEvent.findMany({
				where: { targetId: person.id, action: 'membership.added' },
				select: { actorId: true }
			})
		).toEqual([{ actorId: 'first-admin' }]);
	});

	it('gives AlreadyRequested to the second of two requests for one room sent at once', async () => {
		const requester = await newPerson();
		const roomId = unique('room');
		await database.db.room.create({ data: { id: roomId, organizationId: 'default', createdAt: new Date() } });
		const ask = () => requestAccess(database.db, { userId: requester.id, groupIds: [] }, roomId, null);
		const refused = failures(await Promise.allSettled([ask(), ask()]));
		expect(refused).toEqual([expect.any(AlreadyRequested)]);
		expect(await database.db.accessRequest.count({ where: { personId: requester.id } })).toBe(1);
	});

	it('signs two first sign-ins of one new login in as one person, linked once', async () => {
		const address = email('double-click');
		const login = {
			provider: 'oidc',
			providerAccountId: crypto.randomUUID(),
			type: 'oidc',
			verifiedEmails: [address],
			name: 'Twice'
		};
		const results = await Promise.all([0, 1, 2].map(() => resolveExternalLogin(database.db, login, true)));
		const person = await database.db.person.findUniqueOrThrow({ where: { email: address } });
		expect(results).toEqual([0, 1, 2].map(() => ({ personId: person.id })));
		expect(await database.db.account.count({ where: { personId: person.id } })).toBe(1);
		expect(await database.db.auditEvent.count({ where: { targetId: person.id } })).toBe(1);
	});
});

describe('references to what was just deleted', () => {
	it('gives PersonNotFound for adding someone deleted since the page was loaded, and adds nobody', async () => {
		const group = await newGroup();
		const [stays, leaves] = [await newPerson(), await newPerson()];
		await database.db.person.delete({ where: { id: leaves.id } });
		await expect(addMembersToGroup(database.db, 'admin', group.id, [stays.id, leaves.id])).rejects.toThrow(
			PersonNotFound
		);
		expect(await database.db.groupMembership.count({ where: { groupId: group.id } })).toBe(0);
		expect(
			await database.db.auditEvent.count({ where: { targetId: stays.id, action: 'membership.added' } })
		).toBe(0);
	});

	it('gives GroupNotFound for adding to a group deleted since the page was loaded', async () => {
		const group = await newGroup();
		const person = await newPerson();
		await database.db.group.delete({ where: { id: group.id } });
		await expect(addMembersToGroup(database.db, 'admin', group.id, [person.id])).rejects.toThrow(
			'The group was deleted meanwhile. Nothing was changed.'
		);
	});

	it('gives GroupNotFound to a rename that waited on the group being deleted', async () => {
		const group = await newGroup();
		const outcome = await whileOpen(
			(tx) => deleteGroupWithMembers(tx, 'admin', group.id),
			() => updateGroup(database.db, 'other-admin', group.id, { name: 'Renamed', description: '' })
		);
		expect(outcome).toEqual({ error: expect.any(GroupNotFound) });
		expect(
			await database.db.auditEvent.count({ where: { targetId: group.id, action: 'group.updated' } })
		).toBe(0);
	});

	it('gives PersonNotFound for a request by someone deleted meanwhile', async () => {
		const requester = await newPerson();
		const roomId = unique('room');
		await database.db.room.create({ data: { id: roomId, organizationId: 'default', createdAt: new Date() } });
		const outcome = await whileOpen(
			(tx) => tx.person.delete({ where: { id: requester.id } }),
			() => requestAccess(database.db, { userId: requester.id, groupIds: [] }, roomId, 'please')
		);
		expect(outcome).toEqual({ error: expect.any(PersonNotFound) });
		expect(await database.db.accessRequest.count({ where: { roomId } })).toBe(0);
	});
});

describe('withTransaction', () => {
	it('passes on errors that are no constraint violation as they were, and commits nothing', async () => {
		const id = unique('kept-out');
		const thrown = new Error('the work failed');
		await expect(
			withTransaction(database.db, async (tx) => {
				await tx.group.create({ data: { id, name: id } });
				throw thrown;
			})
		).rejects.toBe(thrown);
		await expect(withTransaction(database.db, (tx) => tx.$queryRaw`SELECT 1 / 0`)).rejects.toMatchObject({
			code: 'P2010'
		});
		expect(await database.db.group.count({ where: { id } })).toBe(0);
	});
});
