import { randomUUID } from 'node:crypto';
import { Liveblocks } from '@liveblocks/node';
import { parse } from 'devalue';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedInAs, useAppUnderTest } from '../../../../../../scripts/testing/app-under-test';
import { signIn } from '../../../../../../scripts/testing/http-session';
import { postRoomAccessSave } from '../../../../../../scripts/testing/room-access-action';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../../../../../../scripts/services/liveblocks-dev-server';
import { hashPassword } from '$lib/server/passwords';
import { auditPosition } from '$lib/server/rooms/other-change';

const app = useAppUnderTest('access_page');
let liveblocks: Liveblocks;
beforeAll(() => {
	liveblocks = new Liveblocks({ secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl: app.liveblocksBaseUrl });
});

async function room() {
	const id = `page-${randomUUID().slice(0, 8)}`;
	await liveblocks.createRoom(id, { defaultAccesses: ['room:read'], usersAccesses: { ana: ['room:write'] } });
	return {
		id,
		loaded: { defaultAccesses: ['room:read'], groupsAccesses: {}, usersAccesses: { ana: ['room:write'] } }
	};
}

/** A signed-in admin called `name`, whom a conflict can name. */
async function admin(name: string) {
	const email = `admin-${randomUUID()}@example.com`;
	await app.db.person.create({
		data: { email, name, role: 'admin', passwordHash: await hashPassword('pw') }
	});
	return signIn(app.url, email, 'pw');
}

describe('the access editor page', () => {
	it('loads the room from Liveblocks, refreshing the index, for staff', async () => {
		const { id } = await room();
		for (const role of ['admin', 'support'] as const) {
			const response = await fetch(`${app.url}/rooms/${id}/access`, {
				headers: { cookie: await signedInAs(app, role) }
			});
			expect(response.status).toBe(200);
		}
		expect(await app.db.room.findUnique({ where: { id } })).toMatchObject({
			usersAccesses: { ana: ['room:write'] }
		});
	});

	it('answers 404 with an explanation for a room Liveblocks does not have', async () => {
		const response = await fetch(`${app.url}/rooms/no-such-room-${randomUUID()}/access`, {
			headers: { cookie: await signedInAs(app, 'admin') }
		});
		expect(response.status).toBe(404);
		expect(await response.text()).toContain('it may have been deleted');
	});

	it('saves an edit that removes an entry, and answers 409 to a stale one without sending it', async () => {
		const cookie = await signedInAs(app, 'admin');
		const { id, loaded } = await room();
		const edited = { ...loaded, defaultAccesses: ['*:write'], usersAccesses: {} };

		expect(await postRoomAccessSave(app.url, cookie, id, { loaded, edited })).toMatchObject({
			type: 'success',
			status: 200
		});
		expect(await liveblocks.getRoom(id)).toMatchObject({ defaultAccesses: ['*:write'], usersAccesses: {} });

		const stale = await postRoomAccessSave(app.url, cookie, id, {
			loaded,
			edited: { ...loaded, defaultAccesses: [] }
		});
		expect(stale).toMatchObject({ type: 'failure', status: 409 });
		expect(stale.data).toContain('*:write');
		expect((await liveblocks.getRoom(id)).defaultAccesses).toEqual(['*:write']);
	});

	it('refuses an invalid matrix and an unreadable post with 400, changing nothing', async () => {
		const cookie = await signedInAs(app, 'admin');
		const { id, loaded } = await room();

		const invalid = await postRoomAccessSave(app.url, cookie, id, {
			loaded,
			edited: { ...loaded, groupsAccesses: { design: ['comments:write'] } }
		});
		expect(invalid).toMatchObject({ type: 'failure', status: 400 });
		expect(invalid.data).toContain('Needs a room level');
		const unreadable = await postRoomAccessSave(app.url, cookie, id, { loaded, edited: '{not json' });
		expect(unreadable).toMatchObject({ type: 'failure', status: 400 });
		expect(unreadable.data).toContain('unreadable matrix');
		expect(await liveblocks.getRoom(id)).toMatchObject({
			defaultAccesses: ['room:read'],
			groupsAccesses: {}
		});
	});

	it('refuses saves by support staff and members', async () => {
		const { id, loaded } = await room();
		const edited = { ...loaded, defaultAccesses: [] };
		for (const role of ['support', 'member'] as const) {
			const result = await postRoomAccessSave(app.url, await signedInAs(app, role), id, { loaded, edited });
			expect(result).toMatchObject({ type: 'error', status: 403 });
		}
		expect((await liveblocks.getRoom(id)).defaultAccesses).toEqual(['room:read']);
	});

	it('answers a stale save with who saved the change it ran into and when, from the audit log', async () => {
		const [ana, ben] = [await admin('Ana Admin'), await admin('Ben Admin')];
		const { id, loaded } = await room();
		const loadedAuditId = String(await auditPosition(app.db, id));
		const anasEdit = { ...loaded, defaultAccesses: ['*:write'] };
		const before = new Date();
		await postRoomAccessSave(app.url, ana, id, { loaded, edited: anasEdit, loadedAuditId });
		const after = new Date();

		const stale = { loaded, edited: { ...loaded, usersAccesses: {} }, loadedAuditId };
		const bens = await postRoomAccessSave(app.url, ben, id, stale);
		expect(bens).toMatchObject({ type: 'failure', status: 409 });
		const answer = parse(bens.data!) as { otherChange: { at: Date }; currentAuditId: string };
		expect(answer.otherChange).toEqual({
			by: 'gatehouse',
			actor: { name: 'Ana Admin', isYou: false },
			at: expect.any(Date),
			bulkJobId: null
		});
		expect(answer.otherChange.at.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
		expect(answer.otherChange.at.getTime()).toBeLessThanOrEqual(after.getTime() + 1000);
		// The position to look from next time: Ana's save, which the version in the answer has.
		expect(answer.currentAuditId).toBe(String(await auditPosition(app.db, id)));
		expect(answer.currentAuditId).not.toBe(loadedAuditId);

		const anasOwn = parse((await postRoomAccessSave(app.url, ana, id, stale)).data!) as {
			otherChange: { actor: unknown };
		};
		expect(anasOwn.otherChange.actor).toEqual({ name: 'Ana Admin', isYou: true });

		// From the version Ana saved, a change made in Liveblocks directly has no audit event.
		await liveblocks.updateRoom(id, { defaultAccesses: ['*:read'] });
		const outside = await postRoomAccessSave(app.url, ben, id, {
			loaded: anasEdit,
			edited: { ...anasEdit, usersAccesses: {} },
			loadedAuditId: answer.currentAuditId
		});
		expect(outside).toMatchObject({ type: 'failure', status: 409 });
		expect((parse(outside.data!) as { otherChange: unknown }).otherChange).toEqual({ by: 'outside' });
		expect(await liveblocks.getRoom(id)).toMatchObject({
			defaultAccesses: ['*:read'],
			usersAccesses: { ana: ['room:write'] }
		});
	});
});
