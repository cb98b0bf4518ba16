import { randomUUID } from 'node:crypto';
import { Liveblocks } from '@liveblocks/node';
import { newInviteToken } from '../../src/lib/server/invites/token';
import { mirrorRoom } from '../../src/lib/server/rooms/mirror';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../services/liveblocks-dev-server';
import type { AppUnderTest } from './app-under-test';

const short = () => randomUUID().slice(0, 8);

async function person(app: AppUnderTest): Promise<string> {
	const created = await app.db.person.create({
		data: { email: `fixture-${randomUUID()}@example.com`, name: 'Fixture person' }
	});
	return created.id;
}

async function group(app: AppUnderTest): Promise<string> {
	return (await app.db.group.create({ data: { id: `fixture-${short()}`, name: 'Fixture group' } })).id;
}

/** A room in Liveblocks and in the index, as the app creates them. */
async function room(app: AppUnderTest): Promise<string> {
	const liveblocks = new Liveblocks({ secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl: app.liveblocksBaseUrl });
	const created = await liveblocks.createRoom(`fixture-${short()}`, {
		defaultAccesses: [],
		metadata: { title: 'Fixture room' }
	});
	await mirrorRoom(app.db, created);
	return created.id;
}

async function accessRequest(app: AppUnderTest): Promise<string> {
	const [personId, roomId] = await Promise.all([person(app), room(app)]);
	return (await app.db.accessRequest.create({ data: { personId, roomId, message: 'Fixture' } })).id;
}

/** A job that has ended with every room done: nothing for the app's poller to pick up. */
async function bulkJob(app: AppUnderTest): Promise<string> {
	const finishedAt = new Date();
	const job = await app.db.bulkJob.create({
		data: {
			createdById: await person(app),
			change: { kind: 'set-default', scopes: ['*:read'] },
			selection: 'Fixture',
			status: 'finished',
			finishedAt,
			rooms: { create: [{ roomId: `fixture-${short()}`, status: 'unchanged', finishedAt }] }
		}
	});
	return job.id;
}

/** An open invite link for a new person: its token, which exists only here. */
async function inviteToken(app: AppUnderTest): Promise<string> {
	const { token, tokenHash } = newInviteToken();
	const personId = await person(app);
	const expiresAt = new Date(Date.now() + 60 * 60_000);
	await app.db.invite.create({ data: { personId, tokenHash, createdById: personId, expiresAt } });
	return token;
}

/** Which record fills a path parameter, by the path up to it. */
const makers: Record<string, (app: AppUnderTest) => Promise<string>> = {
	'/people/[id]': person,
	'/groups/[id]': group,
	'/rooms/[id]': room,
	'/requests/[id]': accessRequest,
	'/rooms/bulk/[jobId=bulkJobId]': bulkJob,
	'/invite/[token]': inviteToken
};

/**
 * Fresh records for the parameters of `path` (`/groups/[id]/delete` → a new group), so a handler
 * can act on something real, and destroy it, without touching what other calls use.
 */
export async function realParams(app: AppUnderTest, path: string): Promise<Record<string, string>> {
	const params: Record<string, string> = {};
	for (const match of path.matchAll(/\[(\w+)(?:=\w+)?\]/g)) {
		const upTo = path.slice(0, match.index + match[0].length);
		const make = makers[upTo];
		if (!make) throw new Error(`Say in scripts/testing/route-fixtures.ts which record fills ${upTo}`);
		params[match[1]!] = await make(app);
	}
	return params;
}
