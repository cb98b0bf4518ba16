import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { CreateRoomOptions } from '@liveblocks/node';
import { beforeAll, describe, expect, it } from 'vitest';
import { sameScopes, type PolicyChange } from '$lib/access';
import { isUpdateOf } from '../../../../../scripts/testing/fault-proxy';
import { useLiveblocksBehindFaultProxy } from '../../../../../scripts/testing/liveblocks-behind-proxy';
import { useMigratedDatabase } from '../../../../../scripts/testing/migrated-database';
import { accessesOf } from '../access';
import { mirrorRoom } from '../mirror';
import { cancelBulkJob, resumeBulkJob } from './control';
import { createBulkJob } from './create';
import { claimableJobIds } from './lease';
import { bulkJobProgress, bulkJobResults } from './read';
import type { RetryPolicy } from '../../liveblocks';
import { runBulkJob } from './run';

const database = useMigratedDatabase('bulk_run');
const liveblocks = useLiveblocksBehindFaultProxy();
const db = () => database.db;
let actorId: string;

beforeAll(async () => {
	const admin = await db().person.create({
		data: { email: `admin-${randomUUID()}@example.com`, name: 'Admin', role: 'admin' }
	});
	actorId = admin.id;
});

const fast: RetryPolicy = { attempts: 4, baseDelayMs: 5, maxDelayMs: 20 };

/** `count` rooms made in Liveblocks and mirrored into the index, ids in creation order. */
async function rooms(count: number, accesses: (index: number) => CreateRoomOptions): Promise<string[]> {
	const prefix = `bulk-${randomUUID().slice(0, 8)}`;
	const ids = Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
	for (const [index, id] of ids.entries())
		await mirrorRoom(db(), await liveblocks.direct.createRoom(id, accesses(index)));
	return ids;
}

const job = (roomIds: string[], change: PolicyChange) =>
	createBulkJob(db(), actorId, { roomIds, change, selection: `${roomIds.length} rooms chosen` });
const updatesOf = (roomId: string) => liveblocks.proxy.forwarded.filter(isUpdateOf(roomId)).length;
const updatesOfAll = (roomIds: string[]) => roomIds.reduce((sum, id) => sum + updatesOf(id), 0);
const auditsOf = (roomId: string) =>
	db().auditEvent.findMany({
		where: { targetType: 'room', targetId: roomId, action: 'room.access-updated' }
	});
const resultOf = async (jobId: string, roomId: string) =>
	db().bulkJobRoom.findUniqueOrThrow({ where: { jobId_roomId: { jobId, roomId } } });

async function until(condition: () => boolean, timeoutMs = 10_000) {
	const deadline = Date.now() + timeoutMs;
	while (!condition()) {
		if (Date.now() > deadline) throw new Error('The condition did not hold in time');
		await sleep(2);
	}
}

describe('a bulk job against the dev server', () => {
	it('changes the rooms that need it 4 at a time, leaves the rest, audits each change once and mirrors every room', async () => {
		const group = `grp-${randomUUID().slice(0, 8)}`;
		const change: PolicyChange = { kind: 'set-group', groupId: group, scopes: ['*:write', 'comments:read'] };
		// Rooms 0-3 already grant exactly that (in another order); the rest do not.
		const ids = await rooms(10, (i) =>
			i < 4
				? { defaultAccesses: [], groupsAccesses: { [group]: ['comments:read', '*:write'] } }
				: { defaultAccesses: ['*:read'], groupsAccesses: i === 9 ? { [group]: ['*:read'] } : {} }
		);
		const jobId = await job(ids, change);
		// Slow enough that the 4 workers' calls overlap even on a busy machine.
		liveblocks.proxy.slowDown(200);

		expect(await runBulkJob(db(), liveblocks.client, jobId, { owner: 'instance-a', retry: fast })).toBe(
			'finished'
		);

		expect(await bulkJobProgress(db(), jobId)).toMatchObject({
			status: 'finished',
			interrupted: false,
			total: 10,
			done: 10,
			counts: { changed: 6, unchanged: 4, failed: 0, pending: 0, cancelled: 0 }
		});
		expect(liveblocks.proxy.maxInFlight).toBe(4);
		for (const [index, id] of ids.entries()) {
			const room = await liveblocks.direct.getRoom(id);
			expect(sameScopes(room.groupsAccesses[group]!, change.scopes)).toBe(true);
			expect(await db().room.findUniqueOrThrow({ where: { id } })).toMatchObject(accessesOf(room));
			const audits = await auditsOf(id);
			if (index < 4) {
				expect(updatesOf(id)).toBe(0);
				expect(audits).toEqual([]);
				expect(await resultOf(jobId, id)).toMatchObject({ status: 'unchanged', attempts: 1 });
			} else {
				expect(updatesOf(id)).toBe(1);
				expect(audits).toHaveLength(1);
				expect(audits[0]).toMatchObject({
					actorId,
					before: { groupsAccesses: index === 9 ? { [group]: ['*:read'] } : {} },
					after: { ...accessesOf(room), bulkJobId: jobId }
				});
				expect(await resultOf(jobId, id)).toMatchObject({
					status: 'changed',
					attempts: 1,
					update: { groupsAccesses: { [group]: change.scopes } }
				});
			}
		}
		const stored = await db().bulkJob.findUniqueOrThrow({ where: { id: jobId } });
		expect(stored).toMatchObject({ leaseOwner: null, leaseExpiresAt: null });
		expect(stored.finishedAt).not.toBeNull();
	});

	it('fails a room the change would break (a 101st group) with the rule, and changes the others', async () => {
		const hundred = Object.fromEntries(
			Array.from({ length: 100 }, (_, i) => [`g${i}`, ['room:read']])
		) as CreateRoomOptions['groupsAccesses'];
		const [full, roomy] = await rooms(2, (i) => ({
			defaultAccesses: [],
			groupsAccesses: i === 0 ? hundred : {}
		}));
		const jobId = await job([full!, roomy!], { kind: 'set-group', groupId: 'one-more', scopes: ['*:read'] });

		expect(await runBulkJob(db(), liveblocks.client, jobId, { owner: 'instance-a', retry: fast })).toBe(
			'finished'
		);

		expect(await resultOf(jobId, full!)).toMatchObject({
			status: 'failed',
			error: 'At most 100 group entries, got 101.'
		});
		expect(updatesOf(full!)).toBe(0);
		expect(Object.keys((await liveblocks.direct.getRoom(full!)).groupsAccesses)).toHaveLength(100);
		expect(await resultOf(jobId, roomy!)).toMatchObject({ status: 'changed' });
	});

	it('is continued by another instance once the lease of one that stopped runs out: every room right, none updated twice', async () => {
		const ids = await rooms(12, () => ({ defaultAccesses: ['*:read'], usersAccesses: { ana: ['*:write'] } }));
		const jobId = await job(ids, { kind: 'set-default', scopes: ['*:write'] });
		liveblocks.proxy.slowDown(15);
		const crash = new AbortController();
		const watcher = setInterval(() => {
			if (updatesOfAll(ids) >= 3) crash.abort();
		}, 1);

		const first = await runBulkJob(db(), liveblocks.client, jobId, {
			owner: 'instance-a',
			// Long enough that a busy machine cannot let it lapse before the check below.
			leaseMs: 3_000,
			retry: fast,
			signal: crash.signal
		});
		clearInterval(watcher);

		expect(first).toBe('stopped');
		const halfway = await bulkJobProgress(db(), jobId);
		expect(halfway).toMatchObject({ status: 'running', interrupted: false });
		expect(halfway!.counts.pending).toBeGreaterThan(0);
		expect(halfway!.counts.changed).toBeGreaterThanOrEqual(3);
		// While the stopped instance's lease lasts, nobody else takes the job.
		expect(await runBulkJob(db(), liveblocks.client, jobId, { owner: 'instance-b', retry: fast })).toBe(
			'not-claimed'
		);

		await sleep(3_100);
		expect(await bulkJobProgress(db(), jobId)).toMatchObject({ interrupted: true });
		expect(await claimableJobIds(db())).toContain(jobId);
		expect(await runBulkJob(db(), liveblocks.client, jobId, { owner: 'instance-b', retry: fast })).toBe(
			'finished'
		);

		expect(await bulkJobProgress(db(), jobId)).toMatchObject({
			status: 'finished',
			counts: { changed: 12, pending: 0 }
		});
		for (const id of ids) {
			expect((await liveblocks.direct.getRoom(id)).defaultAccesses).toEqual(['*:write']);
			expect(updatesOf(id)).toBe(1);
			expect(await auditsOf(id)).toHaveLength(1);
		}
	});

	it('records a room whose update landed just before a crash as changed, audited once, without sending it again', async () => {
		const [landed, untouched] = await rooms(2, () => ({ defaultAccesses: ['*:read'] }));
		const change: PolicyChange = { kind: 'set-default', scopes: ['*:write'] };
		const jobId = await job([landed!, untouched!], change);
		// The crashed instance had written `before` for one room and sent its update, then died.
		await db().bulkJob.update({
			where: { id: jobId },
			data: { status: 'running', leaseOwner: 'crashed-instance', leaseExpiresAt: new Date(0) }
		});
		await db().bulkJobRoom.update({
			where: { jobId_roomId: { jobId, roomId: landed! } },
			data: {
				before: accessesOf(await liveblocks.direct.getRoom(landed!)),
				update: { defaultAccesses: ['*:write'] }
			}
		});
		await liveblocks.direct.updateRoom(landed!, { defaultAccesses: ['*:write'] });

		expect(await runBulkJob(db(), liveblocks.client, jobId, { owner: 'instance-b', retry: fast })).toBe(
			'finished'
		);

		expect(updatesOf(landed!)).toBe(0);
		expect(await resultOf(jobId, landed!)).toMatchObject({ status: 'changed' });
		expect(await auditsOf(landed!)).toMatchObject([
			{ before: { defaultAccesses: ['*:read'] }, after: { defaultAccesses: ['*:write'], bulkJobId: jobId } }
		]);
		expect(updatesOf(untouched!)).toBe(1);
		expect(await resultOf(jobId, untouched!)).toMatchObject({ status: 'changed' });
	});

	it('lets only one of two instances racing for a job run it', async () => {
		const ids = await rooms(3, () => ({ defaultAccesses: [] }));
		const jobId = await job(ids, { kind: 'set-user', userId: 'ana', scopes: ['*:read'] });

		const outcomes = await Promise.all([
			runBulkJob(db(), liveblocks.client, jobId, { owner: 'instance-a', retry: fast }),
			runBulkJob(db(), liveblocks.client, jobId, { owner: 'instance-b', retry: fast })
		]);

		expect(outcomes.sort()).toEqual(['finished', 'not-claimed']);
		for (const id of ids) expect(updatesOf(id)).toBe(1);
	});
});

describe('retrying what Liveblocks refuses for now', () => {
	it('retries 429 and 503 with back-off until the room is changed, and records the attempts', async () => {
		const [id] = await rooms(1, () => ({ defaultAccesses: ['*:read'] }));
		liveblocks.proxy.inject({ matches: isUpdateOf(id), status: 429, times: 2 });
		liveblocks.proxy.inject({ matches: isUpdateOf(id), status: 503, times: 1 });
		const jobId = await job([id!], { kind: 'set-group', groupId: 'ops', scopes: ['*:read'] });

		expect(await runBulkJob(db(), liveblocks.client, jobId, { owner: 'instance-a', retry: fast })).toBe(
			'finished'
		);

		expect(liveblocks.proxy.failed.map((request) => request.status)).toEqual([429, 429, 503]);
		expect(updatesOf(id!)).toBe(1);
		expect((await liveblocks.direct.getRoom(id!)).groupsAccesses).toEqual({ ops: ['*:read'] });
		expect(await resultOf(jobId, id!)).toMatchObject({ status: 'changed', attempts: 4, error: null });
		expect(await auditsOf(id!)).toHaveLength(1);
	});

	it('fails a room that keeps failing with the message, and a resume once Liveblocks answers changes it', async () => {
		const [healthy, flaky] = await rooms(2, () => ({ defaultAccesses: ['*:read'] }));
		liveblocks.proxy.inject({ matches: isUpdateOf(flaky), status: 503, times: Infinity });
		const jobId = await job([healthy!, flaky!], { kind: 'set-default', scopes: [] });

		expect(await runBulkJob(db(), liveblocks.client, jobId, { owner: 'instance-a', retry: fast })).toBe(
			'finished'
		);

		const failed = await resultOf(jobId, flaky!);
		expect(failed).toMatchObject({ status: 'failed', attempts: 4 });
		expect(failed.error).toMatch(/^Liveblocks answered 503: Injected 503 \(after 4 tries\)$/);
		expect((await liveblocks.direct.getRoom(flaky!)).defaultAccesses).toEqual(['*:read']);
		expect(await bulkJobProgress(db(), jobId)).toMatchObject({
			status: 'finished',
			counts: { changed: 1, failed: 1 }
		});
		expect(await bulkJobResults(db(), jobId, { status: 'failed' })).toMatchObject([{ roomId: flaky }]);

		liveblocks.proxy.reset();
		expect(await resumeBulkJob(db(), actorId, jobId)).toBe('resumed');
		expect(await bulkJobProgress(db(), jobId)).toMatchObject({ status: 'queued', counts: { pending: 1 } });
		expect(await runBulkJob(db(), liveblocks.client, jobId, { owner: 'instance-b', retry: fast })).toBe(
			'finished'
		);

		expect((await liveblocks.direct.getRoom(flaky!)).defaultAccesses).toEqual([]);
		expect(await resultOf(jobId, flaky!)).toMatchObject({ status: 'changed', attempts: 5, error: null });
		// The healthy room was done and is not sent again.
		expect(updatesOf(healthy!)).toBe(0);
		expect(await auditsOf(healthy!)).toHaveLength(1);
		expect(await resumeBulkJob(db(), actorId, jobId)).toBe('nothing-to-resume');
	});
});

describe('cancelling a job', () => {
	it('stops before the next room and leaves the remaining rooms untouched in Liveblocks', async () => {
		const ids = await rooms(10, () => ({ defaultAccesses: ['*:read'] }));
		const jobId = await job(ids, { kind: 'set-default', scopes: ['*:write'] });
		liveblocks.proxy.slowDown(100);

		const running = runBulkJob(db(), liveblocks.client, jobId, { owner: 'instance-a', retry: fast });
		await until(() => updatesOfAll(ids) >= 2);
		expect(await cancelBulkJob(db(), actorId, jobId)).toBe(true);

		expect(await running).toBe('cancelled');
		const progress = await bulkJobProgress(db(), jobId);
		expect(progress).toMatchObject({ status: 'cancelled', counts: { pending: 0, failed: 0, unchanged: 0 } });
		expect(progress!.counts.changed + progress!.counts.cancelled).toBe(10);
		expect(progress!.counts.cancelled).toBeGreaterThanOrEqual(4);
		for (const id of ids) {
			const { status } = await resultOf(jobId, id);
			const { defaultAccesses } = await liveblocks.direct.getRoom(id);
			expect(defaultAccesses).toEqual(status === 'changed' ? ['*:write'] : ['*:read']);
			expect(updatesOf(id)).toBe(status === 'changed' ? 1 : 0);
		}
		expect(await db().bulkJob.findUniqueOrThrow({ where: { id: jobId } })).toMatchObject({
			leaseOwner: null
		});
		expect(await cancelBulkJob(db(), actorId, jobId)).toBe(false);
		expect(await db().auditEvent.count({ where: { action: 'bulk-job.cancelled', targetId: jobId } })).toBe(1);
	});
});
