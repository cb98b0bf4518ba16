import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { useMigratedDatabase } from '../../../../scripts/testing/migrated-database';
import { claimRoomWrite, RoomWriteBusy, withRoomWriteClaim } from './write-claim';

const database = useMigratedDatabase('write_claim');
const db = () => database.db;
const newRoomId = () => `claim-${randomUUID().slice(0, 8)}`;

describe('a room write claim', () => {
	it('lets one writer at a time hold a room, however many ask at once, and each gets its turn', async () => {
		const roomId = newRoomId();
		let holding = 0;
		let mostAtOnce = 0;
		const order: number[] = [];

		await Promise.all(
			Array.from({ length: 12 }, (_, writer) =>
				withRoomWriteClaim(db(), roomId, async () => {
					holding++;
					mostAtOnce = Math.max(mostAtOnce, holding);
					await sleep(20);
					order.push(writer);
					holding--;
				})
			)
		);

		expect(mostAtOnce).toBe(1);
		expect(order.sort((a, b) => a - b)).toEqual(Array.from({ length: 12 }, (_, writer) => writer));
		expect(await db().roomWriteClaim.count({ where: { roomId } })).toBe(0);
	});

	it('does not hold other rooms up', async () => {
		const held = await claimRoomWrite(db(), newRoomId());
		const other = await claimRoomWrite(db(), newRoomId(), { waitMs: 0 });
		await Promise.all([held.release(), other.release()]);
	});

	it('gives up with RoomWriteBusy when the holder keeps the room longer than the writer waits', async () => {
		const roomId = newRoomId();
		const held = await claimRoomWrite(db(), roomId);
		const started = Date.now();

		await expect(claimRoomWrite(db(), roomId, { waitMs: 300 })).rejects.toBeInstanceOf(RoomWriteBusy);
		expect(Date.now() - started).toBeGreaterThanOrEqual(200);
		expect(Date.now() - started).toBeLessThan(2_000);
		await held.release();
		await (await claimRoomWrite(db(), roomId, { waitMs: 0 })).release();
	});

	it('is released when the write fails', async () => {
		const roomId = newRoomId();
		await expect(
			withRoomWriteClaim(db(), roomId, () => Promise.reject(new Error('Liveblocks said no')))
		).rejects.toThrow('Liveblocks said no');
		await (await claimRoomWrite(db(), roomId, { waitMs: 0 })).release();
	});

	it('runs out when its holder stopped, and the old holder’s release then leaves the new claim alone', async () => {
		const roomId = newRoomId();
		const stopped = await claimRoomWrite(db(), roomId, { claimMs: 200 });
		await expect(claimRoomWrite(db(), roomId, { waitMs: 0 })).rejects.toBeInstanceOf(RoomWriteBusy);

		const next = await claimRoomWrite(db(), roomId, { waitMs: 2_000 });
		await stopped.release();

		await expect(claimRoomWrite(db(), roomId, { waitMs: 0 })).rejects.toBeInstanceOf(RoomWriteBusy);
		await next.release();
	});

	it('is taken again at once by the owner that holds it (a bulk job continued on another instance)', async () => {
		const roomId = newRoomId();
		const owner = `bulk-job:${randomUUID()}`;
		await claimRoomWrite(db(), roomId, { owner });

		const again = await claimRoomWrite(db(), roomId, { owner, waitMs: 0 });

		await expect(claimRoomWrite(db(), roomId, { waitMs: 0 })).rejects.toBeInstanceOf(RoomWriteBusy);
		await again.release();
		expect(await db().roomWriteClaim.count({ where: { roomId } })).toBe(0);
	});
});
