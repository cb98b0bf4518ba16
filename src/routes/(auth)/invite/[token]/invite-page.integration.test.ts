import { randomUUID } from 'node:crypto';
import { Liveblocks } from '@liveblocks/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedInAs, useAppUnderTest } from '../../../../../scripts/testing/app-under-test';
import { postPlainForm } from '../../../../../scripts/testing/form-action';
import { sessionCookieOf } from '../../../../../scripts/testing/http-session';
import { postRoomAccessSave } from '../../../../../scripts/testing/room-access-action';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../../../../../scripts/services/liveblocks-dev-server';
import { hashInviteToken } from '$lib/server/invites/token';

// The whole way in over HTTP: an admin's save invites an email and gets its link once; the link's
// page, open to anyone holding it, sets a password once and signs the invitee in to their home.
const app = useAppUnderTest('invite_page');
let liveblocks: Liveblocks;
beforeAll(() => {
	liveblocks = new Liveblocks({ secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl: app.liveblocksBaseUrl });
});

const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

/** A room saved by an admin with a new email invited as a commenter: the link the notice shows. */
async function invite() {
	const admin = await signedInAs(app, 'admin');
	const roomId = unique('invited');
	await liveblocks.createRoom(roomId, { defaultAccesses: [] });
	const loaded = { defaultAccesses: [], groupsAccesses: {}, usersAccesses: {} };
	const key = `invite:${randomUUID()}`;
	const email = `${unique('guest')}@example.com`;
	const result = await postRoomAccessSave(app.url, admin, roomId, {
		loaded,
		edited: { ...loaded, usersAccesses: { [key]: ['room:read', 'comments:write'] } },
		invites: [{ key, email, name: '' }]
	});
	expect(result).toMatchObject({ type: 'success', status: 200 });
	const url = /"(https?:\/\/[^"]+\/invite\/[A-Za-z0-9_-]{43})"/.exec(result.data ?? '')?.[1];
	expect(url?.startsWith(app.url)).toBe(true);
	return { url: url!, token: url!.split('/').pop()!, email, roomId, admin };
}

const page = async (url: string, cookie = '') => {
	const response = await fetch(url, { headers: { cookie } });
	return { status: response.status, text: await response.text() };
};

const accept = (token: string, fields: Record<string, string>) =>
	postPlainForm(app.url, '', `/invite/${token}?/accept`, fields);

describe('an invite link', () => {
	it('lets the invitee set name and password once, signs them in, and their home lists the room', async () => {
		const { url, token, email, roomId } = await invite();
		const opened = await page(url);
		expect(opened.status).toBe(200);
		expect(opened.text).toContain(email);
		expect(opened.text).toContain('Set password and sign in');

		const response = await accept(token, {
			name: 'Gia Guest',
			password: 'a long password',
			confirm: 'a long password'
		});

		expect([302, 303]).toContain(response.status);
		expect(new URL(response.headers.get('location')!, app.url).pathname).toBe('/me');
		const cookie = sessionCookieOf(response);
		expect(cookie).toBeDefined();
		const home = await page(`${app.url}/me`, cookie);
		expect(home.status).toBe(200);
		expect(home.text).toContain('Gia Guest');
		expect(home.text).toContain(roomId);

		const again = await page(url);
		expect(again.text).toContain('This invite link was already used.');
		expect(again.text).toContain('Ask an admin for a new link.');
		expect(again.text).not.toContain('Set password and sign in');
		const second = await accept(token, {
			name: 'Mallory',
			password: 'another password',
			confirm: 'another password'
		});
		expect(sessionCookieOf(second)).toBeUndefined();
		expect((await app.db.person.findUniqueOrThrow({ where: { email } })).name).toBe('Gia Guest');
	});

	it('refuses a password the password rules refuse, next to the field, using nothing', async () => {
		const { token, email } = await invite();
		const response = await accept(token, { name: 'Gia', password: 'short', confirm: 'short' });
		expect(response.status).toBe(400);
		expect(await response.text()).toContain('At least 12 characters');
		expect((await app.db.person.findUniqueOrThrow({ where: { email } })).passwordHash).toBeNull();
		expect(await app.db.invite.findFirst({ where: { tokenHash: hashInviteToken(token) } })).toMatchObject({
			usedAt: null
		});
	});

	it('says an expired link has expired, and a malformed or unknown one is not valid, with no form', async () => {
		const { url, token } = await invite();
		await app.db.invite.update({
			where: { tokenHash: hashInviteToken(token) },
			data: { expiresAt: new Date(Date.now() - 60_000) }
		});
		const expired = await page(url);
		expect(expired.text).toContain('This invite link has expired.');
		expect(expired.text).not.toContain('Set password and sign in');

		const unknown = await page(`${app.url}/invite/${'A'.repeat(43)}`);
		expect(unknown.status).toBe(200);
		expect(unknown.text).toContain('This invite link is not valid.');
		expect(unknown.text).toContain('Ask an admin for a new link.');
		// Refused before the database is asked.
		const malformed = await page(`${app.url}/invite/not-a-token`);
		expect(malformed.status).toBe(404);
		expect(malformed.text).toContain('This invite link is not valid');
		expect(malformed.text).toContain('ask an admin for a new link');
	});

	it('tells a signed-in visitor that accepting signs them in as the invitee', async () => {
		const { url, admin } = await invite();
		const opened = await page(url, admin);
		expect(opened.status).toBe(200);
		expect(opened.text).toContain('Accepting this invite signs you in as');
	});

	it('answers an email that was taken meanwhile with 409 naming it, creating no one', async () => {
		const admin = await signedInAs(app, 'admin');
		const roomId = unique('taken');
		await liveblocks.createRoom(roomId, { defaultAccesses: [] });
		const email = `${unique('taken')}@example.com`;
		await app.db.person.create({ data: { email, name: 'First' } });
		const loaded = { defaultAccesses: [], groupsAccesses: {}, usersAccesses: {} };
		const key = `invite:${randomUUID()}`;

		const result = await postRoomAccessSave(app.url, admin, roomId, {
			loaded,
			edited: { ...loaded, usersAccesses: { [key]: ['room:read'] } },
			invites: [{ key, email, name: 'Second' }]
		});

		expect(result).toMatchObject({ type: 'failure', status: 409 });
		expect(result.data).toContain(`${email} is taken`);
		expect(await app.db.person.count({ where: { email } })).toBe(1);
		expect((await liveblocks.getRoom(roomId)).usersAccesses).toEqual({});
	});

	it("shows the person page's Invited mark, and makes a new link there that ends the old one", async () => {
		const { url, token, email, admin } = await invite();
		const person = await app.db.person.findUniqueOrThrow({ where: { email } });
		const profile = await page(`${app.url}/people/${person.id}`, admin);
		expect(profile.text).toContain('Invited');
		expect(profile.text).toContain('Their invite link works until');

		const response = await postPlainForm(app.url, admin, `/people/${person.id}?/newInvite`);
		const text = await response.text();
		expect(response.status).toBe(200);
		const fresh = /https?:\/\/[^"<\s]+\/invite\/[A-Za-z0-9_-]{43}/.exec(text)?.[0];
		expect(fresh).toBeDefined();
		expect(fresh).not.toBe(url);
		expect((await page(url)).text).toContain('This invite link has expired.');
		expect((await page(fresh!)).text).toContain('Set password and sign in');
		expect(token).not.toBe(fresh!.split('/').pop());
	});
});
