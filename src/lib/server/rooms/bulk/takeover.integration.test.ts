import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Liveblocks } from '@liveblocks/node';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../../../../../scripts/services/liveblocks-dev-server';
import { signedInAs, useAppUnderTest } from '../../../../../scripts/testing/app-under-test';
import { isUpdateOf, startFaultProxy, type FaultProxy } from '../../../../../scripts/testing/fault-proxy';
import { postPlainForm } from '../../../../../scripts/testing/form-action';
import { accessesOf } from '../access';
import { mirrorRoom } from '../mirror';
import { bulkJobProgress } from './read';

// Two app instances on one database; the one running a bulk job is killed (SIGKILL: no shutdown
// hand-over, its lease and its rooms in flight left as they were). The other instance's poller
// must notice the lease ran out and finish the job.
let proxy: FaultProxy;
beforeAll(async () => {
	proxy = await startFaultProxy(inject('liveblocksBaseUrl'));
});
afterAll(() => proxy.close());
const leaseSeconds = 3;
const app = useAppUnderTest(
	'bulk_takeover',
	() => ({ LIVEBLOCKS_BASE_URL: proxy.url, BULK_JOB_LEASE_SECONDS: String(leaseSeconds) }),
	{ instances: 2 }
);

let direct: Liveblocks;
beforeAll(() => {
	direct = new Liveblocks({ secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl: app.liveblocksBaseUrl });
});

/** A form post as a browser without JavaScript makes it, to the first instance. */
const post = (cookie: string, path: string, fields: [string, string][]) =>
	postPlainForm(app.url, cookie, path, fields);

async function until<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`${what} did not happen within ${timeoutMs / 1000} s`);
		await sleep(50);
	}
}

it('is finished by the other instance after the one running it is killed: every room changed and audited once', async () => {
	const cookie = await signedInAs(app, 'admin');
	const prefix = `takeover-${randomUUID().slice(0, 8)}`;
	const ids = Array.from({ length: 24 }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
	for (const id of ids)
		await mirrorRoom(app.db, await direct.createRoom(id, { defaultAccesses: ['*:read'] }));
	const fields: [string, string][] = [
		['mode', 'rooms'],
		...ids.map((id): [string, string] => ['rooms', id]),
		['kind', 'set-default'],
		['preset', 'edit']
	];
	const preview = await post(cookie, '/rooms/bulk/new?/preview', fields);
	const digest = /name="digest" value="([^"]+)"/.exec(await preview.text())?.[1];
	expect(digest).toBeTruthy();
	// Slow enough that the job is mid-way for a while: 6 rounds of 4 rooms, two calls each.
	proxy.slowDown(150);

	const started = await post(cookie, '/rooms/bulk/new?/start', [
		...fields,
		['digest', digest!],
		['confirmed', 'on']
	]);
	expect(started.status).toBe(303);
	const jobId = /^\/rooms\/bulk\/(\w+)$/.exec(started.headers.get('location') ?? '')![1]!;

	// Whichever instance holds the lease (the one started on, unless the other's poller was quicker) is killed.
	const pidOf = (leaseOwner: string | null) => leaseOwner?.split(':')[1];
	const holderPid = await until(
		'A lease on the job',
		async () => pidOf((await app.db.bulkJob.findUniqueOrThrow({ where: { id: jobId } })).leaseOwner),
		10_000
	);
	const [holder, survivor] =
		String(app.instances[0]!.process.pid) === holderPid
			? [app.instances[0]!, app.instances[1]!]
			: [app.instances[1]!, app.instances[0]!];
	expect(String(holder.process.pid)).toBe(holderPid);
	await until(
		'Six rooms changed',
		async () =>
			(await app.db.bulkJobRoom.count({ where: { jobId, status: 'changed' } })) >= 6 ? true : undefined,
		20_000
	);
	holder.process.kill('SIGKILL');
	await new Promise((resolve) => holder.process.once('close', resolve));
	// Statements the killed instance had sent still finish; let them, then see what it left.
	await sleep(200);
	const left = await app.db.bulkJobRoom.findMany({
		where: { jobId },
		select: { roomId: true, status: true, before: true }
	});
	const updatesAtKill = new Map(ids.map((id) => [id, proxy.forwarded.filter(isUpdateOf(id)).length]));
	expect(left.filter((room) => room.status === 'pending').length).toBeGreaterThan(0);
	expect(await bulkJobProgress(app.db, jobId)).toMatchObject({ status: 'running' });

	const owners = new Set<string>();
	const finished = await until(
		'The survivor finishing the job',
		async () => {
			const job = await app.db.bulkJob.findUniqueOrThrow({ where: { id: jobId } });
			if (job.leaseOwner) owners.add(pidOf(job.leaseOwner)!);
			return job.status === 'finished' ? job : undefined;
		},
		(leaseSeconds + 5) * 1000 + 20_000
	);

	expect(owners).toContain(String(survivor.process.pid));
	expect(finished).toMatchObject({ leaseOwner: null, leaseExpiresAt: null });
	expect(await bulkJobProgress(app.db, jobId)).toMatchObject({
		status: 'finished',
		total: 24,
		counts: { changed: 24, pending: 0, failed: 0, unchanged: 0, cancelled: 0 }
	});
	for (const { roomId, status, before } of left) {
		const room = await direct.getRoom(roomId);
		expect(room.defaultAccesses, roomId).toEqual(['*:write']);
		expect(await app.db.room.findUniqueOrThrow({ where: { id: roomId } })).toMatchObject(accessesOf(room));
		const audits = await app.db.auditEvent.findMany({
			where: { targetType: 'room', targetId: roomId, action: 'room.access-updated' }
		});
		expect(audits, roomId).toHaveLength(1);
		expect(audits[0]).toMatchObject({
			before: { defaultAccesses: ['*:read'] },
			after: { defaultAccesses: ['*:write'], bulkJobId: jobId }
		});
		const updates = proxy.forwarded.filter(isUpdateOf(roomId)).length;
		if (status === 'changed') {
			// Done before the kill: never sent again.
			expect(updates, roomId).toBe(1);
			expect(updatesAtKill.get(roomId), roomId).toBe(1);
		} else if (before === null) {
			// Not reached before the kill (its accesses are written just before its update is sent).
			expect(updates, roomId).toBe(1);
		} else {
			// In flight at the kill: the killed instance's update may have reached the proxy (landing
			// or not); the survivor reads the room and sends its update only if that one did not land.
			expect(updates, roomId).toBeGreaterThanOrEqual(1);
			expect(updates, roomId).toBeLessThanOrEqual(2);
		}
	}
	expect(left.filter((room) => room.status === 'pending' && room.before !== null).length).toBeLessThanOrEqual(
		4
	);
	// The survivor still answers.
	const progress = await fetch(`${survivor.url}/rooms/bulk/${jobId}/progress`, { headers: { cookie } });
	expect(progress.status).toBe(200);
}, 90_000);
