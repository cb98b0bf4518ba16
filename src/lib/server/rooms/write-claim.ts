// One writer per room across every app instance (decision 017). Liveblocks has no compare-and-set,
// so an access save's "has the room changed since it was loaded?" check only means something if
// nobody else writes the room between that check and the updateRoom. Whoever writes a room's
// accesses first claims it: one row in PostgreSQL, taken and released by single statements on the
// database's clock, with no transaction or connection held while Liveblocks is asked.
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../prisma-client';

/**
 * How long a claim lasts. Longer than anything a holder does under it (each Liveblocks call is
 * bounded to 10 s, a save makes at most four, plus its database writes), so a claim runs out only
 * when its instance stopped or stalled, and then that room is writable again after this long.
 */
export const roomWriteClaimMs = 60_000;

/** How long a writer waits for another's claim by default: several ordinary saves' worth. */
export const roomWriteWaitMs = 15_000;

/** Someone else kept the room's claim for longer than the writer would wait: nothing was sent. */
export class RoomWriteBusy extends Error {
	constructor(readonly roomId: string) {
		super(
			`Another change to room ${roomId} is being saved and did not finish in time, so nothing was saved. Try again in a moment.`
		);
	}
}

export type RoomWriteClaim = { roomId: string; owner: string; release: () => Promise<void> };

/**
 * Takes the room's claim for `owner` if nobody holds it, its holder's claim expired, or `owner`
 * already holds it, in one statement: of two instances racing, the row lock makes the second see
 * the first's claim and change nothing.
 */
async function takeClaim(db: Database, roomId: string, owner: string, claimMs: number): Promise<boolean> {
	const taken = await db.$executeRaw`
		INSERT INTO "RoomWriteClaim" ("roomId", owner, "expiresAt")
		VALUES (${roomId}, ${owner}, (now() AT TIME ZONE 'UTC') + ${claimMs} * interval '1 millisecond')
		ON CONFLICT ("roomId") DO UPDATE SET owner = EXCLUDED.owner, "expiresAt" = EXCLUDED."expiresAt"
		WHERE "RoomWriteClaim".owner = EXCLUDED.owner
			OR "RoomWriteClaim"."expiresAt" < (now() AT TIME ZONE 'UTC')`;
	return taken === 1;
}

/**
 * Gives the claim back if `owner` still holds it. A failure is only logged: the claim then runs
 * out on its own, and the write it covered has happened (or not) either way.
 */
async function releaseClaim(db: Database, roomId: string, owner: string): Promise<void> {
	await db.$executeRaw`DELETE FROM "RoomWriteClaim" WHERE "roomId" = ${roomId} AND owner = ${owner}`.catch(
		(error: unknown) => console.error(`[rooms] Releasing the write claim on ${roomId} failed:`, error)
	);
}

export type ClaimOptions = {
	/**
	 * Who claims. Unique per write by default; a bulk job names itself, so whichever instance runs
	 * the job now continues under the claims of one that stopped mid-room.
	 */
	owner?: string;
	/** How long to wait for another holder before RoomWriteBusy. */
	waitMs?: number;
	claimMs?: number;
};

/**
 * Claims the room for writing, waiting (polling, up to `waitMs`) while someone else holds it, so a
 * writer that lost the race continues after the winner recorded its write and then sees it.
 */
export async function claimRoomWrite(
	db: Database,
	roomId: string,
	{ owner = randomUUID(), waitMs = roomWriteWaitMs, claimMs = roomWriteClaimMs }: ClaimOptions = {}
): Promise<RoomWriteClaim> {
	const deadline = Date.now() + waitMs;
	for (let pauseMs = 10; ; pauseMs = Math.min(pauseMs * 2, 200)) {
		if (await takeClaim(db, roomId, owner, claimMs))
			return { roomId, owner, release: () => releaseClaim(db, roomId, owner) };
		const left = deadline - Date.now();
		if (left <= 0) throw new RoomWriteBusy(roomId);
		await sleep(Math.min(pauseMs, left));
	}
}

/** Runs `write` holding the room's claim, and releases it afterwards whatever happened. */
export async function withRoomWriteClaim<T>(
	db: Database,
	roomId: string,
	write: () => Promise<T>,
	options?: ClaimOptions
): Promise<T> {
	const claim = await claimRoomWrite(db, roomId, options);
	try {
		return await write();
	} finally {
		await claim.release();
	}
}
