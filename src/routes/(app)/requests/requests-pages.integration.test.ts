import { randomUUID } from 'node:crypto';
import { Liveblocks } from '@liveblocks/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedInAs, useAppUnderTest } from '../../../../scripts/testing/app-under-test';
import { postFormAction } from '../../../../scripts/testing/form-action';
import { signIn } from '../../../../scripts/testing/http-session';
import { joinOnce, liveblocksClientFor } from '../../../../scripts/testing/liveblocks-join';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../../../../scripts/services/liveblocks-dev-server';
import { hashPassword } from '$lib/server/passwords';
import { mirrorRoom } from '$lib/server/rooms/mirror';

const app = useAppUnderTest('access_request_pages');
let liveblocks: Liveblocks;
beforeAll(() => {
	liveblocks = new Liveblocks({ secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl: app.liveblocksBaseUrl });
});

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** A member signed in over HTTP: their id and session cookie. */
async function member() {
	const email = `${unique('member')}@example.com`;
	const person = await app.db.person.create({
		data: { email, name: unique('Member'), passwordHash: await hashPassword('pw') }
	});
	return { id: person.id, cookie: await signIn(app.url, email, 'pw') };
}

/** A room nobody may enter by default, in Liveblocks and in the app's index. */
async function closedRoom() {
	const id = unique('closed');
	await liveblocks.createRoom(id, { defaultAccesses: [] });
	await mirrorRoom(app.db, await liveblocks.getRoom(id));
	return id;
}

const get = (path: string, cookie: string) =>
	fetch(`${app.url}${path}`, { headers: { cookie }, redirect: 'manual' });

async function requested(person: { cookie: string }, roomId: string, message = '') {
	return postFormAction(app.url, person.cookie, `/rooms/${roomId}/request-access`, { message });
}

describe('asking for access', () => {
	it('tells a refused member so, takes their request once, and shows it pending', async () => {
		const asker = await member();
		const roomId = await closedRoom();
		const page = await get(`/rooms/${roomId}/request-access`, asker.cookie);
		expect(page.status).toBe(200);
		expect(await page.text()).toContain('You have no access to');

		expect(await requested(asker, roomId, 'For the review')).toMatchObject({ type: 'success', status: 200 });
		const again = await requested(asker, roomId, 'Again');
		expect(again).toMatchObject({ type: 'failure', status: 409 });
		expect(again.data).toContain('You already asked for access');
		expect(await app.db.accessRequest.findMany({ where: { personId: asker.id } })).toMatchObject([
			{ roomId, status: 'pending', message: 'For the review' }
		]);
		expect(await (await get(`/rooms/${roomId}/request-access`, asker.cookie)).text()).toContain(
			'an admin will decide'
		);
	});

	it('refuses a message over 500 characters, and answers 404 for a room the index does not know', async () => {
		const asker = await member();
		const roomId = await closedRoom();
		const long = await requested(asker, roomId, 'x'.repeat(501));
		expect(long).toMatchObject({ type: 'failure', status: 400 });
		expect(long.data).toContain('At most 500 characters');
		expect(await app.db.accessRequest.count({ where: { personId: asker.id } })).toBe(0);

		const unknown = `unknown-${randomUUID()}`;
		expect((await get(`/rooms/${unknown}/request-access`, asker.cookie)).status).toBe(404);
		expect(await requested(asker, unknown)).toMatchObject({ type: 'error', status: 404 });
	});
});

describe('deciding a request', () => {
	it('lets support staff read requests but neither approve nor decline, and members not even read', async () => {
		const asker = await member();
		const roomId = await closedRoom();
		await requested(asker, roomId);
		const request = await app.db.accessRequest.findFirstOrThrow({ where: { personId: asker.id } });
		const loaded = JSON.stringify({ defaultAccesses: [], groupsAccesses: {}, usersAccesses: {} });

		const support = await signedInAs(app, 'support');
		expect((await get('/requests', support)).status).toBe(200);
		expect((await get(`/requests/${request.id}?level=edit`, support)).status).toBe(200);
		expect((await get('/requests', asker.cookie)).status).toBe(403);
		for (const cookie of [support, asker.cookie, await signedInAs(app, 'member')]) {
			const path = `/requests/${request.id}`;
			expect(
				await postFormAction(app.url, cookie, `${path}?/approve`, { level: 'edit', loaded })
			).toMatchObject({
				type: 'error',
				status: 403
			});
			expect(await postFormAction(app.url, cookie, `${path}?/decline`, { reason: 'No' })).toMatchObject({
				type: 'error',
				status: 403
			});
		}
		expect((await liveblocks.getRoom(roomId)).usersAccesses).toEqual({});
		expect(await app.db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
			status: 'pending'
		});
	});

	it('an admin approves with a level: the member, refused before, then connects with it', async () => {
		const asker = await member();
		const roomId = await closedRoom();
		const client = liveblocksClientFor({
			appUrl: app.url,
			liveblocksBaseUrl: app.liveblocksBaseUrl,
			cookie: asker.cookie
		});
		expect(await joinOnce(client, roomId)).toEqual({ refused: true });
		await requested(asker, roomId);
		const request = await app.db.accessRequest.findFirstOrThrow({ where: { personId: asker.id } });
		const admin = await signedInAs(app, 'admin');
		expect((await get(`/requests/${request.id}?level=comment`, admin)).status).toBe(200);

		// A confirmation computed from an older version of the room is refused with a fresh preview.
		await liveblocks.updateRoom(roomId, { groupsAccesses: { ops: ['*:read'] } });
		const stale = JSON.stringify({ defaultAccesses: [], groupsAccesses: {}, usersAccesses: {} });
		const refused = await postFormAction(app.url, admin, `/requests/${request.id}?/approve`, {
			level: 'comment',
			loaded: stale
		});
		expect(refused).toMatchObject({ type: 'failure', status: 409 });
		expect(refused.data).toContain('ops');
		expect((await liveblocks.getRoom(roomId)).usersAccesses).toEqual({});

		const current = await liveblocks.getRoom(roomId);
		const loaded = JSON.stringify({
			defaultAccesses: current.defaultAccesses,
			groupsAccesses: current.groupsAccesses,
			usersAccesses: current.usersAccesses
		});
		expect(
			await postFormAction(app.url, admin, `/requests/${request.id}?/approve`, { level: 'comment', loaded })
		).toMatchObject({ type: 'redirect', location: `/requests?decided=${request.id}` });

		expect(await joinOnce(client, roomId)).toEqual({ refused: false, canWrite: false, canComment: true });
		expect(await app.db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
			status: 'approved',
			level: 'comment'
		});
		expect(await (await get('/requests', admin)).text()).toContain('Approved');
		expect(await (await get(`/rooms/${roomId}/request-access`, asker.cookie)).text()).toContain(
			'You can already enter this room: <span class="font-semibold">Can comment</span>'
		);
	});

	it('an admin declines with a reason, which a blank one is not', async () => {
		const asker = await member();
		const roomId = await closedRoom();
		await requested(asker, roomId);
		const request = await app.db.accessRequest.findFirstOrThrow({ where: { personId: asker.id } });
		const admin = await signedInAs(app, 'admin');
		const path = `/requests/${request.id}?/decline`;

		const blank = await postFormAction(app.url, admin, path, { reason: '  ' });
		expect(blank).toMatchObject({ type: 'failure', status: 400 });
		expect(blank.data).toContain('Say why');
		expect(await postFormAction(app.url, admin, path, { reason: 'Ask your lead' })).toMatchObject({
			type: 'redirect'
		});
		expect(await postFormAction(app.url, admin, path, { reason: 'Twice' })).toMatchObject({
			type: 'failure',
			status: 409
		});
		expect(await app.db.accessRequest.findUniqueOrThrow({ where: { id: request.id } })).toMatchObject({
			status: 'declined',
			declineReason: 'Ask your lead'
		});
	});
});
