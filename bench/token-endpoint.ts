import { Liveblocks } from '@liveblocks/node';
import { connectDatabase } from '../src/lib/server/prisma-client';
import { mirrorRoom } from '../src/lib/server/rooms/mirror';
import type { AppUnderTest } from './app-under-test';
import type { BenchContext } from './entry';
import { seedMembers, signInMembers } from './members';

/** A server's ID-token endpoint under load: where to POST, with which headers per virtual client, and its process. */
export interface TokenTarget {
	name: string;
	url: string;
	pid: number;
	headersFor(client: number): Record<string, string>;
}

const benchRoomId = 'bench-room';

/** What the Liveblocks client posts to its auth endpoint. */
export const tokenRequestBody = JSON.stringify({ room: benchRoomId });

/**
 * The room the bench asks tokens for, made on the Liveblocks dev server and in the app's room
 * index, as any room made in Gatehouse is: the endpoint then reads its organization from the
 * index, not from Liveblocks, on every token.
 */
async function indexBenchRoom(app: AppUnderTest): Promise<void> {
	const liveblocks = new Liveblocks({ secret: app.liveblocksSecret, baseUrl: app.liveblocksBaseUrl });
	const room = await liveblocks.createRoom(benchRoomId, { defaultAccesses: ['room:write'] });
	const db = connectDatabase(app.databaseUrl);
	try {
		await mirrorRoom(db, room);
	} finally {
		await db.$disconnect();
	}
}

/**
 * The built app's `POST /api/liveblocks-auth` for `memberCount` seeded members, each signed in
 * once; virtual client n sends member n's session cookie (modulo the count). One token is asked
 * for first, so a broken set-up fails with its reason instead of a run of errors.
 */
export async function appTokenTarget(
	{ progress }: BenchContext,
	app: AppUnderTest,
	memberCount: number
): Promise<TokenTarget> {
	progress(`seeding ${memberCount} members and signing each in once`);
	const members = await seedMembers(app.databaseUrl, memberCount);
	await indexBenchRoom(app);
	const cookies = await signInMembers(app.appUrl, members);
	const target: TokenTarget = {
		name: 'app',
		url: `${app.appUrl}/api/liveblocks-auth`,
		pid: app.pid,
		headersFor: (client) => ({ cookie: cookies[client % cookies.length]!, origin: app.appUrl })
	};
	const { gids } = await requestToken(target);
	if (gids.length < 2) {
		throw new Error(`The app's ID token names groups ${JSON.stringify(gids)}, not the member's 2 or more`);
	}
	return target;
}

/**
 * One request before any load, so a broken set-up fails with its reason instead of a table of
 * errors. Returns the token's payload, which the dev server leaves unsigned and readable.
 */
export async function requestToken(target: TokenTarget): Promise<{ gids: string[] }> {
	const response = await fetch(target.url, {
		method: 'POST',
		headers: { ...target.headersFor(0), 'content-type': 'application/json' },
		body: tokenRequestBody
	});
	const text = await response.text();
	const token = response.status === 200 ? (JSON.parse(text) as { token?: unknown }).token : undefined;
	if (typeof token !== 'string') {
		throw new Error(
			`${target.name} (${target.url}) gave no ID token (${response.status}): ${text.slice(0, 300)}`
		);
	}
	const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
		gids?: string[];
	};
	return { gids: payload.gids ?? [] };
}
