import { createHash, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RoomAccesses } from '$lib/access';
import { inviteKeyPrefix } from '$lib/rooms/invites';
import { isUpdateOf } from '../../../../scripts/testing/fault-proxy';
import { useLiveblocksBehindFaultProxy } from '../../../../scripts/testing/liveblocks-behind-proxy';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { LiveblocksUnavailable } from '../liveblocks';
import { verifyPassword } from '../passwords';
import type { Database } from '../prisma-client';
import { accessesOf, saveRoomAccess, SaveNotRecorded } from '../rooms/access';
import { acceptInvite, InviteUnusable, readInvite } from './accept';
import { issueInvite, NoInviteNeeded } from './reissue';
import { hashInviteToken } from './token';

// Inviting people from the access editor's save, against the real database and Liveblocks dev
// server (through a proxy that can refuse the updateRoom): the person, the grant, the link and the
// audit events exist together or not at all; the link works once.
const database = useMigratedDatabase('invites');
const liveblocks = useLiveblocksBehindFaultProxy();
let actorId: string;

beforeAll(async () => {
	const admin = await database.db.person.create({
		data: { email: `admin-${randomUUID()}@example.com`, name: 'Admin', role: 'admin' }
	});
	actorId = admin.id;
});

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;
const commenter = ['room:read', 'comments:write'];

async function room() {
	const id = unique('invite');
	await liveblocks.direct.createRoom(id, { defaultAccesses: [], usersAccesses: { ana: ['room:write'] } });
	return { id, loaded: accessesOf(await liveblocks.direct.getRoom(id)) };
}

/** An edit that invites `email` as a commenter. */
function inviting(loaded: RoomAccesses, email: string, name = '') {
	const key = `${inviteKeyPrefix}${randomUUID()}`;
	return {
		loaded,
		edited: { ...loaded, usersAccesses: { ...loaded.usersAccesses, [key]: commenter } },
		invites: [{ key, email, name }]
	};
}

/** A new room saved with `email` invited as a commenter. */
async function invited(email: string) {
	const { id, loaded } = await room();
	return saveRoomAccess(database.db, liveblocks.client, actorId, id, inviting(loaded, email));
}

describe('inviting from a room access save', () => {
	it('creates the person, grants them the room, makes a link stored only as its hash, and audits each', async () => {
		const { id, loaded } = await room();
		const email = `${unique('new')}@example.com`;

		const result = await saveRoomAccess(
			database.db,
			liveblocks.client,
			actorId,
			id,
			inviting(loaded, email, ' Nina ')
		);

		expect(result.outcome).toBe('saved');
		if (result.outcome !== 'saved') return;
		const person = await database.db.person.findUniqueOrThrow({ where: { email } });
		expect(person).toMatchObject({ name: 'Nina', role: 'member', status: 'active', passwordHash: null });
		expect((await liveblocks.direct.getRoom(id)).usersAccesses).toEqual({
			ana: ['room:write'],
			[person.id]: commenter
		});
		expect(
			await database.db.roomGrant.findMany({ where: { roomId: id, principal: `user:${person.id}` } })
		).toEqual([{ roomId: id, principal: `user:${person.id}`, level: 'read' }]);

		const [link] = result.invites;
		expect(link).toMatchObject({ personId: person.id, email, name: 'Nina' });
		expect(link!.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
		const invite = await database.db.invite.findFirstOrThrow({ where: { personId: person.id } });
		expect(invite).toMatchObject({ roomId: id, createdById: actorId, usedAt: null });
		expect(invite.tokenHash).toBe(createHash('sha256').update(link!.token).digest('hex'));
		// The token itself is nowhere in the database: not in the invite, not in the audit log.
		const stored = [invite, await database.db.auditEvent.findMany({ select: { before: true, after: true } })];
		expect(JSON.stringify(stored)).not.toContain(link!.token);
		const days = (invite.expiresAt.getTime() - invite.createdAt.getTime()) / 86_400_000;
		expect(days).toBeCloseTo(7, 1);

		const events = await database.db.auditEvent.findMany({
			where: { OR: [{ targetId: person.id }, { targetId: id }] },
			orderBy: { id: 'asc' }
		});
		expect(events.map((event) => [event.action, event.actorId, event.targetId])).toEqual([
			['person.created', actorId, person.id],
			['room.access-updated', actorId, id],
			['invite.created', actorId, person.id]
		]);
		expect(events[2]).toMatchObject({ relatedType: 'room', relatedId: id });
	});

	it('names the default after the email when the admin gives no name', async () => {
		const email = `${unique('lena')}@example.com`;
		expect((await invited(email)).outcome).toBe('saved');
		expect(await database.db.person.findUnique({ where: { email } })).toMatchObject({
			name: email.split('@')[0]
		});
	});

	it.each([
		['a refusal (422)', 422],
		['an outage (503)', 503]
	])('leaves no one behind when Liveblocks answers the updateRoom with %s', async (_, status) => {
		const { id, loaded } = await room();
		const email = `${unique('refused')}@example.com`;
		liveblocks.proxy.inject({ matches: isUpdateOf(id), status, times: Infinity });

		const failure = await saveRoomAccess(
			database.db,
			liveblocks.client,
			actorId,
			id,
			inviting(loaded, email)
		).catch((error: unknown) => error);

		expect(failure).toBeInstanceOf(LiveblocksUnavailable);
		expect(await database.db.person.findUnique({ where: { email } })).toBeNull();
		expect(await database.db.invite.count({ where: { roomId: id } })).toBe(0);
		expect(accessesOf(await liveblocks.direct.getRoom(id))).toEqual(loaded);
		const trail = await database.db.auditEvent.findMany({
			where: {
				action: { in: ['person.created', 'person.deleted'] },
				after: { path: ['email'], equals: email }
			}
		});
		expect(trail.map((event) => event.action)).toEqual(['person.created']);
		expect(
			await database.db.auditEvent.count({
				where: { action: 'person.deleted', before: { path: ['email'], equals: email } }
			})
		).toBe(1);
		expect(await database.db.auditEvent.count({ where: { targetId: id } })).toBe(0);
	});

	it('takes the people back when the save is undone because the database could not record it', async () => {
		const { id, loaded } = await room();
		const email = `${unique('unrecorded')}@example.com`;
		// The real database, except that its second transaction (the one recording the save) fails.
		let transactions = 0;
		const flaky = new Proxy(database.db, {
			get: (target, property) =>
				property === '$transaction'
					? (...args: unknown[]) =>
							++transactions === 2
								? Promise.reject(new Error('injected: the database went away'))
								: (target.$transaction as (...a: unknown[]) => Promise<unknown>)(...args)
					: Reflect.get(target, property, target)
		}) as Database;

		const failure = await saveRoomAccess(
			flaky,
			liveblocks.client,
			actorId,
			id,
			inviting(loaded, email)
		).catch((error: unknown) => error);

		expect(failure).toBeInstanceOf(SaveNotRecorded);
		expect((failure as SaveNotRecorded).undone).toBe(true);
		expect(accessesOf(await liveblocks.direct.getRoom(id))).toEqual(loaded);
		expect(await database.db.person.findUnique({ where: { email } })).toBeNull();
		expect(await database.db.invite.count({ where: { roomId: id } })).toBe(0);
	});

	it('creates no one when the room changed since the editor loaded it', async () => {
		const { id, loaded } = await room();
		await liveblocks.direct.updateRoom(id, { defaultAccesses: ['room:read'] });
		const email = `${unique('late')}@example.com`;

		const result = await saveRoomAccess(database.db, liveblocks.client, actorId, id, inviting(loaded, email));

		expect(result.outcome).toBe('conflict');
		expect(await database.db.person.findUnique({ where: { email } })).toBeNull();
	});

	it('refuses an email someone took meanwhile, next to its row, changing nothing', async () => {
		const { id, loaded } = await room();
		const email = `${unique('taken')}@example.com`;
		await database.db.person.create({ data: { email, name: 'Quick' } });
		const edit = inviting(loaded, email.toUpperCase());
		const before = await database.db.person.count();

		const result = await saveRoomAccess(database.db, liveblocks.client, actorId, id, edit);

		expect(result).toEqual({
			outcome: 'invites-refused',
			problems: [
				{
					key: edit.invites[0]!.key,
					email,
					message: `${email} is taken: someone in the directory has it now. Remove this row and add them instead.`
				}
			]
		});
		expect(await database.db.person.count()).toBe(before);
		expect(accessesOf(await liveblocks.direct.getRoom(id))).toEqual(loaded);
		expect(liveblocks.proxy.forwarded.filter(isUpdateOf(id))).toEqual([]);
	});

	it('refuses a placeholder row without its invite, which Liveblocks would take as a user id', async () => {
		const { id, loaded } = await room();
		const key = `${inviteKeyPrefix}${randomUUID()}`;
		const edited = { ...loaded, usersAccesses: { ...loaded.usersAccesses, [key]: commenter } };

		const result = await saveRoomAccess(database.db, liveblocks.client, actorId, id, { loaded, edited });

		expect(result).toMatchObject({ outcome: 'invites-refused', problems: [{ key }] });
		expect(accessesOf(await liveblocks.direct.getRoom(id))).toEqual(loaded);
	});
});

describe('an invite link', () => {
	async function link(email = `${unique('link')}@example.com`) {
		const result = await invited(email);
		if (result.outcome !== 'saved') throw new Error(`not saved: ${result.outcome}`);
		return { token: result.invites[0]!.token, email };
	}

	it('sets the name and password once and uses the invite; a second use is refused', async () => {
		const { token, email } = await link();
		expect(await readInvite(database.db, token)).toMatchObject({ state: 'open', email });

		expect(await acceptInvite(database.db, token, { name: 'Nina N', password: 'a long password' })).toEqual({
			email
		});

		const person = await database.db.person.findUniqueOrThrow({ where: { email } });
		expect(person.name).toBe('Nina N');
		expect(await verifyPassword(person.passwordHash!, 'a long password')).toBe(true);
		expect(await database.db.invite.findFirst({ where: { personId: person.id } })).toMatchObject({
			usedAt: expect.any(Date)
		});
		expect(
			await database.db.auditEvent.findFirst({ where: { targetId: person.id, action: 'invite.accepted' } })
		).toMatchObject({ actorId: person.id, before: { name: email.split('@')[0] }, after: { name: 'Nina N' } });

		expect(await readInvite(database.db, token)).toEqual({ state: 'used' });
		await expect(
			acceptInvite(database.db, token, { name: 'Mallory', password: 'another password' })
		).rejects.toEqual(new InviteUnusable('used'));
		expect((await database.db.person.findUniqueOrThrow({ where: { email } })).name).toBe('Nina N');
	});

	it('lets exactly one of two simultaneous submits through', async () => {
		const { token, email } = await link();
		const outcomes = await Promise.allSettled(
			['first password', 'second password'].map((password) =>
				acceptInvite(database.db, token, { name: 'Twin', password })
			)
		);
		expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
		const person = await database.db.person.findUniqueOrThrow({ where: { email } });
		const winner = outcomes.findIndex((outcome) => outcome.status === 'fulfilled');
		expect(await verifyPassword(person.passwordHash!, ['first password', 'second password'][winner]!)).toBe(
			true
		);
		expect(
			await database.db.auditEvent.count({ where: { targetId: person.id, action: 'invite.accepted' } })
		).toBe(1);
	});

	it('refuses an expired link and one whose person was deactivated, setting no password', async () => {
		const expired = await link();
		await database.db.invite.updateMany({
			where: { tokenHash: hashInviteToken(expired.token) },
			data: { expiresAt: new Date(Date.now() - 1000) }
		});
		const deactivated = await link();
		await database.db.person.update({ where: { email: deactivated.email }, data: { status: 'deactivated' } });

		for (const [{ token, email }, state] of [
			[expired, 'expired'],
			[deactivated, 'deactivated']
		] as const) {
			expect(await readInvite(database.db, token)).toEqual({ state });
			await expect(
				acceptInvite(database.db, token, { name: 'X', password: 'a long password' })
			).rejects.toEqual(new InviteUnusable(state));
			expect((await database.db.person.findUniqueOrThrow({ where: { email } })).passwordHash).toBeNull();
		}
	});

	it('knows no malformed or unknown token, without asking for a password', async () => {
		for (const token of ['', 'short', 'x'.repeat(43) + '=', 'a'.repeat(42) + '!', 'A'.repeat(43)]) {
			expect(await readInvite(database.db, token)).toEqual({ state: 'unknown' });
			await expect(
				acceptInvite(database.db, token, { name: 'X', password: 'a long password' })
			).rejects.toEqual(new InviteUnusable('unknown'));
		}
	});

	it('can be made again for someone without a password, ending the earlier link', async () => {
		const { token, email } = await link();
		const person = await database.db.person.findUniqueOrThrow({ where: { email } });

		const again = await issueInvite(database.db, actorId, person.id, 60 * 60_000);

		expect(await readInvite(database.db, token)).toEqual({ state: 'expired' });
		expect(await readInvite(database.db, again.token)).toMatchObject({ state: 'open', email });
		expect(
			await database.db.auditEvent.count({ where: { targetId: person.id, action: 'invite.created' } })
		).toBe(2);
		await acceptInvite(database.db, again.token, { name: 'Found it', password: 'a long password' });
		await expect(issueInvite(database.db, actorId, person.id, 60 * 60_000)).rejects.toBeInstanceOf(
			NoInviteNeeded
		);
	});
});
