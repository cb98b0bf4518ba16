import { describe, expect, it } from 'vitest';
import { loadIdentity } from '$lib/server/identity';
import { hashPassword } from '$lib/server/passwords';
import { useAppUnderTest } from '../../../../scripts/testing/app-under-test';
import { signIn } from '../../../../scripts/testing/http-session';

const app = useAppUnderTest('liveblocks_auth');

async function member(
	options: { groups?: string[]; avatarUrl?: string; color?: string; name?: string } = {}
) {
	const email = `${crypto.randomUUID()}@example.com`;
	const password = crypto.randomUUID();
	for (const id of options.groups ?? []) {
		await app.db.group.upsert({ where: { id }, update: {}, create: { id, name: id } });
	}
	const person = await app.db.person.create({
		data: {
			email,
			name: options.name ?? 'Mia Member',
			avatarUrl: options.avatarUrl,
			color: options.color,
			passwordHash: await hashPassword(password),
			memberships: { create: (options.groups ?? []).map((groupId) => ({ groupId })) }
		}
	});
	return { id: person.id, cookie: await signIn(app.url, email, password) };
}

function requestToken(cookie?: string) {
	return fetch(`${app.url}/api/liveblocks-auth`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', origin: app.url, ...(cookie ? { cookie } : {}) },
		body: JSON.stringify({ room: 'any-room' })
	});
}

/** The dev server's ID tokens are unsigned JWTs; the payload says who Liveblocks will think this is. */
function payloadOf(token: string) {
	return JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
}

describe('POST /api/liveblocks-auth', () => {
	it('refuses a caller without a session with 401', async () => {
		const response = await requestToken();
		expect(response.status).toBe(401);
		expect(await response.json()).toEqual({ message: 'Sign in first.' });
	});

	it('refuses a forged session cookie with 401', async () => {
		expect((await requestToken('authjs.session-token=forged')).status).toBe(401);
	});

	it("returns Liveblocks' token for the person's id, current groups and profile", async () => {
		const mia = await member({
			groups: ['designers', 'reviewers'],
			avatarUrl: 'https://example.com/mia.png',
			color: '#c026d3'
		});
		const response = await requestToken(mia.cookie);
		expect(response.status).toBe(200);
		const { token } = await response.json();
		expect(payloadOf(token)).toMatchObject({
			uid: mia.id,
			gids: ['designers', 'reviewers'],
			ui: { name: 'Mia Member', avatar: 'https://example.com/mia.png', color: '#c026d3' }
		});
	});

	it('issues exactly the identity the inspector and person page show (one loader)', async () => {
		// Group ids whose order differs between code units and a locale-aware collation.
		const noa = await member({ groups: ['b-team', 'a-team', 'a1', 'ab'], color: '#0f766e' });
		const shown = await loadIdentity(app.db, noa.id);
		const { token } = await (await requestToken(noa.cookie)).json();
		const claims = payloadOf(token);
		expect(shown?.refusal).toBeNull();
		expect({ userId: claims.uid, groupIds: claims.gids, userInfo: claims.ui }).toEqual(shown?.identity);
	});

	it('gives the signed-in person their own token whoever the request body names', async () => {
		const mia = await member({ groups: ['designers'] });
		const other = await member({ groups: ['admins-only'], name: 'Someone Else' });
		const response = await fetch(`${app.url}/api/liveblocks-auth`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', origin: app.url, cookie: mia.cookie },
			body: JSON.stringify({
				room: 'any-room',
				userId: other.id,
				groupIds: ['admins-only'],
				userInfo: { name: 'Someone Else' }
			})
		});
		expect(response.status).toBe(200);
		const payload = payloadOf((await response.json()).token);
		expect(payload).toMatchObject({ uid: mia.id, gids: ['designers'], ui: { name: 'Mia Member' } });
	});

	it('carries a group change in the very next token', async () => {
		const will = await member({ groups: ['engineers'] });
		const late = await app.db.group.create({ data: { id: `late-${will.id}`, name: 'Late' } });
		await app.db.groupMembership.create({ data: { personId: will.id, groupId: late.id } });
		await app.db.groupMembership.delete({
			where: { personId_groupId: { personId: will.id, groupId: 'engineers' } }
		});
		const { token } = await (await requestToken(will.cookie)).json();
		expect(payloadOf(token).gids).toEqual([late.id]);
	});

	it('refuses a person deactivated after signing in with 403', async () => {
		const otto = await member();
		await app.db.person.update({ where: { id: otto.id }, data: { status: 'deactivated' } });
		const response = await requestToken(otto.cookie);
		expect(response.status).toBe(403);
		expect(await response.json()).toEqual({
			message: 'This account is deactivated: it cannot join rooms.'
		});
	});

	it('refuses a person whose password an admin just reset until they choose their own', async () => {
		const tess = await member();
		await app.db.person.update({ where: { id: tess.id }, data: { mustChangePassword: true } });
		const response = await requestToken(tess.cookie);
		expect(response.status).toBe(403);
		expect((await response.json()).message).toContain('temporary password');
	});

	it('refuses a person deleted after signing in with 401', async () => {
		const gone = await member();
		await app.db.person.delete({ where: { id: gone.id } });
		expect((await requestToken(gone.cookie)).status).toBe(401);
	});
});
