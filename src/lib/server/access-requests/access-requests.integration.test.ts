import { randomUUID } from 'node:crypto';
import { Liveblocks, type CreateRoomOptions } from '@liveblocks/node';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../../../../scripts/services/liveblocks-dev-server';
import { resolveEffectiveAccess } from '$lib/access';
import { accessesOf, openRoom } from '../rooms/access';
import { approveRequest, previewApproval } from './approve';
import { declineRequest } from './decline';
import { AccessRequestDecided } from './errors';
import {
	countPendingRequests,
	latestRequestFor,
	listDecidedRequests,
	listPendingRequests,
	requestsOfPerson
} from './list';
import { AlreadyRequested } from '../domain-errors';
import { AlreadyHasAccess, RoomNotIndexed, requestAccess } from './request';

const database = useMigratedDatabase('access_requests');
let liveblocks: Liveblocks;
beforeAll(() => {
	liveblocks = new Liveblocks({ secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl: inject('liveblocksBaseUrl') });
});

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

async function person(role: 'admin' | 'member' = 'member', groupIds: string[] = []) {
	const created = await database.db.person.create({
		data: {
			email: `${unique(role)}@example.com`,
			name: unique(role === 'admin' ? 'Admin' : 'Member'),
			role,
			memberships: { create: groupIds.map((groupId) => ({ groupId })) }
		}
	});
	return { ...created, userId: created.id, groupIds };
}

/** A room in Liveblocks and in the index, as the live page leaves it after a refused join. */
async function indexedRoom(accesses: CreateRoomOptions, metadata: Record<string, string> = {}) {
	const id = unique('request');
	await liveblocks.createRoom(id, { ...accesses, metadata });
	await openRoom(database.db, liveblocks, id);
	return id;
}

const ask = (
	requester: { userId: string; groupIds: string[] },
	roomId: string,
	message: string | null = null
) => requestAccess(database.db, requester, roomId, message);

const auditsOf = (targetType: string, targetId: string) =>
	database.db.auditEvent.findMany({ where: { targetType, targetId }, orderBy: { id: 'asc' } });

describe('requesting access', () => {
	it('records one pending request with its message and an audit event by the person', async () => {
		const member = await person();
		const roomId = await indexedRoom({ defaultAccesses: [] });

		const request = await ask(member, roomId, 'For the launch review');

		expect(request).toMatchObject({
			personId: member.id,
			roomId,
			status: 'pending',
			message: 'For the launch review'
		});
		expect(await auditsOf('access-request', request.id)).toMatchObject([
			{
				actorId: member.id,
				action: 'access-request.created',
				// The room's history shows it too.
				relatedType: 'room',
				relatedId: roomId,
				after: { roomId, status: 'pending' }
			}
		]);
		expect(await latestRequestFor(database.db, member.id, roomId)).toMatchObject({
			id: request.id,
			status: 'pending',
			person: { id: member.id, name: member.name }
		});
	});

	it('refuses a second pending request for the same room, keeping the first', async () => {
		const member = await person();
		const roomId = await indexedRoom({ defaultAccesses: [] });
		const first = await ask(member, roomId);

		await expect(ask(member, roomId, 'again')).rejects.toThrow(AlreadyRequested);
		expect(await database.db.accessRequest.findMany({ where: { personId: member.id } })).toMatchObject([
			{ id: first.id, message: null }
		]);
		// Two at once: the partial unique index lets exactly one through.
		const other = await person();
		const results = await Promise.allSettled([ask(other, roomId), ask(other, roomId)]);
		expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
	});

	it('refuses a room the index does not know, and one the person can already enter', async () => {
		const designer = await person('member', []);
		await database.db.group.create({ data: { id: unique('design'), name: 'Design' } }).then(async (group) => {
			await database.db.groupMembership.create({ data: { personId: designer.id, groupId: group.id } });
			designer.groupIds.push(group.id);
		});
		const roomId = await indexedRoom({
			defaultAccesses: [],
			groupsAccesses: { [designer.groupIds[0]!]: ['*:read'] }
		});

		await expect(ask(designer, `never-synced-${randomUUID()}`)).rejects.toThrow(RoomNotIndexed);
		await expect(ask(designer, roomId)).rejects.toThrow(AlreadyHasAccess);
		expect(await database.db.accessRequest.count({ where: { personId: designer.id } })).toBe(0);
	});
});

describe('approving a request', () => {
	it('previews exactly the person’s new entry, saves it to Liveblocks, and the person can then enter', async () => {
		const admin = await person('admin');
		const member = await person();
		const roomId = await indexedRoom({ defaultAccesses: [], usersAccesses: { someone: ['*:read'] } });
		const request = await ask(member, roomId, 'please');
		expect(await countPendingRequests(database.db)).toBeGreaterThanOrEqual(1);

		const preview = await previewApproval(database.db, liveblocks, request.id, 'edit');
		expect(preview).toMatchObject({
			level: 'edit',
			resulting: 'Can edit',
			changes: [{ principal: { kind: 'user', id: member.id }, before: null, after: { room: 'write' } }]
		});

		const result = await approveRequest(database.db, liveblocks, admin.id, request.id, {
			level: 'edit',
			loaded: preview.loaded
		});

		expect(result).toMatchObject({ outcome: 'approved', request: { status: 'approved', level: 'edit' } });
		const room = await liveblocks.getRoom(roomId);
		expect(room.usersAccesses).toEqual({ someone: ['*:read'], [member.id]: ['*:write'] });
		expect(resolveEffectiveAccess(accessesOf(room), member)).toMatchObject({
			canConnect: true,
			canWrite: true
		});
		expect(await auditsOf('room', roomId)).toMatchObject([
			{ actorId: admin.id, action: 'room.access-updated' }
		]);
		expect(await auditsOf('access-request', request.id)).toMatchObject([
			{ action: 'access-request.created' },
			{
				actorId: admin.id,
				action: 'access-request.approved',
				before: { status: 'pending' },
				after: { status: 'approved', level: 'edit' }
			}
		]);
		// The index has the new entry, so the person's home and the request page see it at once.
		const indexed = await database.db.room.findUniqueOrThrow({ where: { id: roomId } });
		expect(indexed.usersAccesses).toMatchObject({ [member.id]: ['*:write'] });
	});

	it('refuses a save when the room changed since the preview, and offers the new preview', async () => {
		const admin = await person('admin');
		const member = await person();
		const roomId = await indexedRoom({ defaultAccesses: [] });
		const request = await ask(member, roomId);
		const stale = await previewApproval(database.db, liveblocks, request.id, 'comment');
		await liveblocks.updateRoom(roomId, { defaultAccesses: ['*:read', 'storage:read'] });

		const refused = await approveRequest(database.db, liveblocks, admin.id, request.id, {
			level: 'edit',
			loaded: stale.loaded
		});

		expect(refused).toMatchObject({
			outcome: 'conflict',
			preview: {
				level: 'edit',
				loaded: { defaultAccesses: ['*:read', 'storage:read'] },
				// The default keeps storage read-only, and the preview says so before anything is saved.
				resulting: 'Can comment'
			}
		});
		expect((await liveblocks.getRoom(roomId)).usersAccesses).toEqual({});
		expect(await latestRequestFor(database.db, member.id, roomId)).toMatchObject({ status: 'pending' });
		if (refused.outcome !== 'conflict') throw new Error('expected a conflict');

		const approved = await approveRequest(database.db, liveblocks, admin.id, request.id, {
			level: 'edit',
			loaded: refused.preview.loaded
		});
		expect(approved).toMatchObject({ outcome: 'approved' });
		expect((await liveblocks.getRoom(roomId)).usersAccesses).toEqual({ [member.id]: ['*:write'] });
	});

	it('approves without sending anything when the room already gives the person that entry', async () => {
		const admin = await person('admin');
		const member = await person();
		const roomId = await indexedRoom({ defaultAccesses: [] });
		const request = await ask(member, roomId);
		await liveblocks.updateRoom(roomId, { usersAccesses: { [member.id]: ['*:read'] } });

		const preview = await previewApproval(database.db, liveblocks, request.id, 'view');
		expect(preview.changes).toEqual([]);
		expect(
			await approveRequest(database.db, liveblocks, admin.id, request.id, {
				level: 'view',
				loaded: preview.loaded
			})
		).toMatchObject({ outcome: 'approved', request: { level: 'view' } });
		expect(await auditsOf('room', roomId)).toEqual([]);
	});
});

describe('declining a request', () => {
	it('records the reason for the person, audits it, and lets them ask again later', async () => {
		const admin = await person('admin');
		const member = await person();
		const roomId = await indexedRoom({ defaultAccesses: [] });
		const request = await ask(member, roomId);

		const declined = await declineRequest(database.db, admin.id, request.id, 'Ask your team lead');

		expect(declined).toMatchObject({
			status: 'declined',
			declineReason: 'Ask your team lead',
			decidedById: admin.id
		});
		expect((await auditsOf('access-request', request.id)).map((event) => event.action)).toEqual([
			'access-request.created',
			'access-request.declined'
		]);
		expect(await requestsOfPerson(database.db, member.id)).toMatchObject([
			{
				status: 'declined',
				declineReason: 'Ask your team lead',
				decidedBy: { id: admin.id, name: admin.name }
			}
		]);
		const again = await ask(member, roomId, 'My lead agreed');
		expect(again.status).toBe('pending');
	});

	it('decides a request once: a decided one can be neither declined nor approved', async () => {
		const admin = await person('admin');
		const member = await person();
		const roomId = await indexedRoom({ defaultAccesses: [] });
		const request = await ask(member, roomId);
		await declineRequest(database.db, admin.id, request.id, 'No');

		await expect(declineRequest(database.db, admin.id, request.id, 'Still no')).rejects.toThrow(
			AccessRequestDecided
		);
		await expect(previewApproval(database.db, liveblocks, request.id, 'view')).rejects.toThrow(
			AccessRequestDecided
		);
		await expect(
			approveRequest(database.db, liveblocks, admin.id, request.id, {
				level: 'view',
				loaded: { defaultAccesses: [], groupsAccesses: {}, usersAccesses: {} }
			})
		).rejects.toThrow(AccessRequestDecided);
		expect((await liveblocks.getRoom(roomId)).usersAccesses).toEqual({});
	});
});

describe('listing requests', () => {
	it('lists pending ones oldest first and decided ones newest first, a keyset page at a time', async () => {
		const admin = await person('admin');
		const roomId = await indexedRoom({ defaultAccesses: [] }, { title: 'Quarterly plan' });
		const members = await Promise.all([person(), person(), person(), person()]);
		const requests = [];
		for (const member of members) requests.push(await ask(member, roomId));
		for (const request of requests.slice(0, 3)) await declineRequest(database.db, admin.id, request.id, 'No');

		const pending = await listPendingRequests(database.db);
		expect(pending.filter((request) => request.room.id === roomId)).toMatchObject([
			{ id: requests[3]!.id, room: { id: roomId, title: 'Quarterly plan', indexed: true } }
		]);
		const first = await listDecidedRequests(database.db, { limit: 2 });
		expect(first.requests.map((request) => request.id)).toEqual([requests[2]!.id, requests[1]!.id]);
		const second = await listDecidedRequests(database.db, { limit: 2, after: first.next });
		expect(second.requests[0]!.id).toBe(requests[0]!.id);
	});
});
