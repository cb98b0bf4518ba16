import { Liveblocks } from '@liveblocks/node';
import { describe, expect, inject, it } from 'vitest';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../../../../scripts/services/liveblocks-dev-server';
import { joinOnce } from '../../../../scripts/testing/liveblocks-join';
import { createClient } from '@liveblocks/client';
import WebSocket from 'ws';

// What the local dev server (npm `liveblocks` 1.9.0) does with organizations, pinned so an upgrade
// that changes it is noticed (docs/decisions/022-organizations-in-id-tokens.md). Hosted Liveblocks
// scopes an ID token to its organizationId; the dev server does not.
const baseUrl = inject('liveblocksBaseUrl');
const liveblocks = new Liveblocks({ secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl });
const unique = (prefix: string) => `${prefix}-${crypto.randomUUID()}`;

/** A client that enters every room with the one token Liveblocks made for this identity. */
async function clientWithToken(organizationId: string | undefined) {
	const answer = await liveblocks.identifyUser(
		{ userId: unique('user'), groupIds: [], organizationId },
		{ userInfo: { name: 'Org Test' } }
	);
	expect(answer.status).toBe(200);
	const { token } = JSON.parse(answer.body) as { token: string };
	const client = createClient({
		authEndpoint: async () => ({ token }),
		baseUrl,
		polyfills: { WebSocket: WebSocket as never }
	});
	return { client, token };
}

describe('organizations on the local dev server', () => {
	it('keeps the organization a room is created in, and never changes it', async () => {
		const inOrg = unique('org-room');
		const created = await liveblocks.createRoom(inOrg, { defaultAccesses: [], organizationId: 'org-a' });
		expect(created.organizationId).toBe('org-a');
		expect((await liveblocks.getRoom(inOrg)).organizationId).toBe('org-a');
		const inDefault = unique('default-room');
		expect((await liveblocks.createRoom(inDefault, { defaultAccesses: [] })).organizationId).toBe('default');
		expect((await liveblocks.getRooms({ organizationId: 'org-a' })).data.map((room) => room.id)).toContain(
			inOrg
		);
		// An update that names another organization is answered, and changes nothing.
		await liveblocks.updateRoom(inOrg, { organizationId: 'org-b' } as never);
		expect((await liveblocks.getRoom(inOrg)).organizationId).toBe('org-a');
	});

	it('accepts organizationId in identify-user but leaves it out of the token', async () => {
		const { token } = await clientWithToken('org-a');
		const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8'));
		expect(Object.keys(payload).sort()).toEqual(['exp', 'gids', 'iat', 'jti', 'k', 'pid', 'ui', 'uid']);
	});

	it('lets a token for one organization into rooms of any organization', async () => {
		const rooms = {
			a: unique('org-a-room'),
			b: unique('org-b-room'),
			default: unique('default-room')
		};
		await liveblocks.createRoom(rooms.a, { defaultAccesses: ['room:write'], organizationId: 'org-a' });
		await liveblocks.createRoom(rooms.b, { defaultAccesses: ['room:write'], organizationId: 'org-b' });
		await liveblocks.createRoom(rooms.default, { defaultAccesses: ['room:write'] });
		for (const organizationId of ['org-a', undefined]) {
			const { client } = await clientWithToken(organizationId);
			for (const roomId of Object.values(rooms)) {
				expect(await joinOnce(client, roomId), `${organizationId} into ${roomId}`).toEqual({
					refused: false,
					canWrite: true,
					canComment: true
				});
			}
		}
	});
});
