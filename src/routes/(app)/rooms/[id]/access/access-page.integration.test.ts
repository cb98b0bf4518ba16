import { randomUUID } from 'node:crypto';
import { Liveblocks } from '@liveblocks/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedInAs, useAppUnderTest } from '../../../../../../scripts/testing/app-under-test';
import { postRoomAccessSave } from '../../../../../../scripts/testing/room-access-action';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../../../../../../scripts/services/liveblocks-dev-server';

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
});
