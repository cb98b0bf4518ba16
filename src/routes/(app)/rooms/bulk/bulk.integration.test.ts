import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Liveblocks, type CreateRoomOptions } from '@liveblocks/node';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '$lib/roles';
import { hashPassword } from '$lib/server/passwords';
import { createBulkJob } from '$lib/server/rooms/bulk/create';
import type { JobProgress } from '$lib/server/rooms/bulk/read';
import { mirrorRoom } from '$lib/server/rooms/mirror';
import { useAppUnderTest } from '../../../../../scripts/testing/app-under-test';
import { signIn } from '../../../../../scripts/testing/http-session';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../../../../../scripts/services/liveblocks-dev-server';

const app = useAppUnderTest('bulk_pages');
let liveblocks: Liveblocks;
const people = {} as Record<Role, { id: string; cookie: string }>;

beforeAll(async () => {
	liveblocks = new Liveblocks({ secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl: app.liveblocksBaseUrl });
	for (const role of ['admin', 'support', 'member'] as const) {
		const email = `${role}-${randomUUID()}@example.com`;
		const person = await app.db.person.create({
			data: { email, name: role, role, passwordHash: await hashPassword('a long enough password') }
		});
		people[role] = { id: person.id, cookie: await signIn(app.url, email, 'a long enough password') };
	}
});

async function rooms(count: number, accesses: (index: number) => CreateRoomOptions) {
	const prefix = `bulk-page-${randomUUID().slice(0, 8)}`;
	const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
	for (const [index, id] of ids.entries())
		await mirrorRoom(app.db, await liveblocks.createRoom(id, accesses(index)));
	return ids;
}

const get = (path: string, role: Role) =>
	fetch(`${app.url}${path}`, { headers: { cookie: people[role].cookie }, redirect: 'manual' });

/** A form post as a browser without JavaScript makes it. */
function post(path: string, role: Role, fields: [string, string][] = []) {
	return fetch(`${app.url}${path}`, {
		method: 'POST',
		headers: {
			cookie: people[role].cookie,
			origin: app.url,
			accept: 'text/html',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams(fields),
		redirect: 'manual'
	});
}

async function progressOf(jobId: string): Promise<JobProgress> {
	const response = await get(`/rooms/bulk/${jobId}/progress`, 'admin');
	expect(response.status).toBe(200);
	return response.json();
}

async function untilEnded(jobId: string, timeoutMs = 20_000): Promise<JobProgress> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const progress = await progressOf(jobId);
		if (progress.status === 'finished' || progress.status === 'cancelled') return progress;
		if (Date.now() > deadline) throw new Error(`Job ${jobId} is still ${progress.status}`);
		await sleep(200);
	}
}

const text = async (response: Response) => (await response.text()).replace(/\s+/g, ' ');

describe('bulk change pages', () => {
	it('lets an admin preview ticked rooms, refuses a start without confirmation or after the preview went stale, then runs the job', async () => {
		const ids = await rooms(3, (i) => ({ defaultAccesses: i === 0 ? ['room:write'] : ['room:read'] }));
		const fields: [string, string][] = [
			['mode', 'rooms'],
			...ids.map((id): [string, string] => ['rooms', id]),
			['kind', 'set-default'],
			['preset', 'edit']
		];

		const preview = await post('/rooms/bulk/new?/preview', 'admin', fields);
		expect(preview.status).toBe(200);
		const page = await text(preview);
		expect(page).toContain('Of 3 rooms: 2 will change, 1 already match');
		const digest = /name="digest" value="([^"]+)"/.exec(page)?.[1];
		expect(digest).toBeTruthy();

		const unconfirmed = await post('/rooms/bulk/new?/start', 'admin', [...fields, ['digest', digest!]]);
		expect(unconfirmed.status).toBe(400);
		expect(await text(unconfirmed)).toContain('Tick the box to confirm the change.');
		const stale = await post('/rooms/bulk/new?/start', 'admin', [
			...fields.filter(([name]) => name !== 'preset'),
			['preset', 'view'],
			['digest', digest!],
			['confirmed', 'on']
		]);
		expect(stale.status).toBe(409);
		expect(await text(stale)).toContain('The rooms or the change differ from the preview');
		expect(await app.db.bulkJob.count()).toBe(0);

		const started = await post('/rooms/bulk/new?/start', 'admin', [
			...fields,
			['digest', digest!],
			['confirmed', 'on']
		]);
		expect(started.status).toBe(303);
		const jobId = /^\/rooms\/bulk\/(\w+)$/.exec(started.headers.get('location') ?? '')?.[1];
		expect(jobId).toBeTruthy();

		expect(await untilEnded(jobId!)).toMatchObject({
			status: 'finished',
			total: 3,
			done: 3,
			counts: { changed: 2, unchanged: 1 }
		});
		// The first room's legacy room:write already meant edit, so it was left as it was.
		expect(await Promise.all(ids.map(async (id) => (await liveblocks.getRoom(id)).defaultAccesses))).toEqual([
			['room:write'],
			['*:write'],
			['*:write']
		]);
		const jobPage = await text(await get(`/rooms/bulk/${jobId}`, 'admin'));
		expect(jobPage).toContain('3 of 3 rooms done (100 %)');
		for (const id of ids) expect(jobPage).toContain(id);
	});

	it('shows support everything but refuses their posts, and refuses members', async () => {
		const ids = await rooms(1, () => ({ defaultAccesses: ['room:read'] }));
		const jobId = await createBulkJob(app.db, people.admin.id, {
			roomIds: ids,
			change: { kind: 'set-default', scopes: ['*:read', 'comments:write'] },
			selection: '1 room chosen'
		});
		await untilEnded(jobId);

		for (const path of [
			'/rooms/bulk',
			'/rooms/bulk/new',
			`/rooms/bulk/${jobId}`,
			`/rooms/bulk/${jobId}/progress`
		]) {
			expect((await get(path, 'support')).status, path).toBe(200);
			expect((await get(path, 'member')).status, path).toBe(403);
		}
		const fields: [string, string][] = [
			['mode', 'rooms'],
			['rooms', ids[0]!],
			['kind', 'set-default'],
			['preset', 'view'],
			['confirmed', 'on']
		];
		for (const path of ['/rooms/bulk/new?/preview', '/rooms/bulk/new?/start']) {
			expect((await post(path, 'support', fields)).status, path).toBe(403);
		}
		for (const action of ['cancel', 'resume']) {
			expect((await post(`/rooms/bulk/${jobId}?/${action}`, 'support')).status, action).toBe(403);
		}
		expect(await app.db.bulkJob.count({ where: { createdById: people.support.id } })).toBe(0);
		expect(await app.db.auditEvent.count({ where: { actorId: people.support.id } })).toBe(0);
	});

	it('continues, on its own, a job whose instance stopped', async () => {
		const ids = await rooms(2, () => ({ defaultAccesses: [] }));
		const jobId = await createBulkJob(app.db, people.admin.id, {
			roomIds: ids,
			change: { kind: 'set-group', groupId: 'ops', scopes: ['*:read'] },
			selection: '2 rooms chosen'
		});
		// As an instance that claimed the job and then died would leave it.
		await app.db.bulkJob.update({
			where: { id: jobId },
			data: { status: 'running', leaseOwner: 'stopped-instance', leaseExpiresAt: new Date(0) }
		});

		expect(await untilEnded(jobId)).toMatchObject({ status: 'finished', counts: { changed: 2 } });
		for (const id of ids) expect((await liveblocks.getRoom(id)).groupsAccesses).toEqual({ ops: ['*:read'] });
	});
});
