import { randomUUID } from 'node:crypto';
import { Liveblocks } from '@liveblocks/node';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { diffRoomAccess, isEmptyUpdate, type RoomAccesses } from '$lib/access';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../../../../scripts/services/liveblocks-dev-server';
import { signedInAs, useAppUnderTest } from '../../../../scripts/testing/app-under-test';
import { startFaultProxy, type FaultProxy } from '../../../../scripts/testing/fault-proxy';
import { postRoomAccessSave } from '../../../../scripts/testing/room-access-action';
import { accessesOf } from './access';

// Two app instances on one database, two admins saving different edits of the room they both
// loaded at the same moment: Liveblocks has no compare-and-set, so both could pass the "did the
// room change?" check and the second updateRoom would silently merge over the first.
let proxy: FaultProxy;
beforeAll(async () => {
	proxy = await startFaultProxy(inject('liveblocksBaseUrl'));
});
afterAll(() => proxy.close());
const app = useAppUnderTest('concurrent_saves', () => ({ LIVEBLOCKS_BASE_URL: proxy.url }), { instances: 2 });

let direct: Liveblocks;
beforeAll(() => {
	direct = new Liveblocks({ secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl: app.liveblocksBaseUrl });
});

const same = (a: RoomAccesses, b: RoomAccesses) => isEmptyUpdate(diffRoomAccess(a, b));

it('lets exactly one of two simultaneous saves win; the other gets the conflict answer with the winner’s version', async () => {
	const admins = [await signedInAs(app, 'admin'), await signedInAs(app, 'admin')];
	// Each Liveblocks call takes 100 ms more, so both saves are between their check and their write together.
	proxy.slowDown(100);
	for (let round = 0; round < 8; round++) {
		const id = `race-${randomUUID().slice(0, 8)}`;
		const loaded = accessesOf(await direct.createRoom(id, { defaultAccesses: ['*:read'] }));
		// Each edit names its own principal, so the conflict answer shows whose version it carries.
		const edits: RoomAccesses[] = [
			{ ...loaded, usersAccesses: { 'alice-of-instance-0': ['*:write'] } },
			{ ...loaded, defaultAccesses: [], groupsAccesses: { 'design-of-instance-1': ['*:read'] } }
		];
		const markers = ['alice-of-instance-0', 'design-of-instance-1'];

		const answers = await Promise.all(
			app.instances.map((instance, i) =>
				postRoomAccessSave(instance.url, admins[i]!, id, { loaded, edited: edits[i]! })
			)
		);

		expect(answers.map((answer) => answer.status).sort(), `round ${round}`).toEqual([200, 409]);
		const winner = answers.findIndex((answer) => answer.status === 200);
		const loser = 1 - winner;
		expect(answers[loser]).toMatchObject({ type: 'failure' });
		expect(answers[loser]!.data).toContain(markers[winner]);
		expect(answers[loser]!.data).not.toContain(markers[loser]);

		const now = accessesOf(await direct.getRoom(id));
		expect(same(now, edits[winner]!), `round ${round}: Liveblocks has ${JSON.stringify(now)}`).toBe(true);
		const audits = await app.db.auditEvent.findMany({
			where: { targetType: 'room', targetId: id, action: 'room.access-updated' }
		});
		expect(audits).toHaveLength(1);
		expect(audits[0]).toMatchObject({ before: loaded, after: now });
		expect(await app.db.room.findUniqueOrThrow({ where: { id } })).toMatchObject(now);
	}
});

it('answers 503 and sends nothing when the room stays claimed longer than a save waits (its holder hung or was killed)', async () => {
	proxy.reset();
	const admin = await signedInAs(app, 'admin');
	const id = `claimed-${randomUUID().slice(0, 8)}`;
	const loaded = accessesOf(await direct.createRoom(id, { defaultAccesses: ['*:read'] }));
	// As an instance killed mid-save leaves it: a claim that runs out in a minute.
	await app.db.roomWriteClaim.create({
		data: { roomId: id, owner: 'killed-instance', expiresAt: new Date(Date.now() + 60_000) }
	});

	const answer = await postRoomAccessSave(app.instances[1]!.url, admin, id, {
		loaded,
		edited: { ...loaded, defaultAccesses: ['*:write'] }
	});

	expect(answer).toMatchObject({ type: 'failure', status: 503 });
	expect(answer.data).toContain('Another change to room');
	expect(proxy.forwarded.filter((request) => request.path === `/v2/rooms/${id}`)).toEqual([]);
	expect((await direct.getRoom(id)).defaultAccesses).toEqual(['*:read']);
	expect(await app.db.auditEvent.count({ where: { targetId: id } })).toBe(0);
}, 40_000);
