import { randomUUID } from 'node:crypto';
import { Liveblocks, type CreateRoomOptions } from '@liveblocks/node';
import type { RoomAccesses } from '../src/lib/access';
import { hashPassword } from '../src/lib/server/passwords';
import { connectDatabase } from '../src/lib/server/prisma-client';
import { signIn } from '../scripts/testing/http-session';
import { postRoomAccessSave, type ActionResult } from '../scripts/testing/room-access-action';
import { startAppUnderTest } from './app-under-test';
import type { BenchContext, BenchEntry, EntryReport } from './entry';
import { percentile } from './stats';
import { formatTable } from './table';

const entriesPerKind = 100;

/**
 * The access editor's round trips against the built app, one at a time as an admin makes them, on a
 * room with 100 group and 100 user entries: opening the editor (getRoom, mirror, directory names;
 * rendered, and as data for a client-side navigation),
 * saving one changed cell (re-read, one updateRoom, mirror and audit), and a stale save refused
 * with 409 (re-read only).
 */
export const editorSave: BenchEntry = {
	name: 'editor-save',
	summary: 'access editor: open, save one changed cell, refused stale save (room with 100+100 entries)',
	run
};

async function run(context: BenchContext): Promise<EntryReport> {
	const { progress, settings } = context;
	const app = await startAppUnderTest(context);

	progress('seeding an admin, 100 groups and 100 people, and the room');
	const cookie = await seedAdmin(app.appUrl, app.databaseUrl);
	const liveblocks = new Liveblocks({ secret: app.liveblocksSecret, baseUrl: app.liveblocksBaseUrl });
	const roomId = `bench-editor-${randomUUID().slice(0, 8)}`;
	const start: RoomAccesses = {
		defaultAccesses: ['*:read'],
		groupsAccesses: Object.fromEntries(ids('bench-group', entriesPerKind).map((id) => [id, ['*:write']])),
		usersAccesses: Object.fromEntries(ids('bench-person', entriesPerKind).map((id) => [id, ['*:read']]))
	};
	await liveblocks.createRoom(roomId, start as CreateRoomOptions);

	const problems: string[] = [];
	const get = (path: string) => async () => {
		const response = await fetch(`${app.appUrl}${path}`, { headers: { cookie } });
		await response.text();
		if (response.status !== 200) problems.push(`GET ${path}: HTTP ${response.status}`);
	};
	const open = await measure(settings, get(`/rooms/${roomId}/access`));
	// The same load without server rendering: what a client-side navigation to the editor waits for.
	const data = await measure(settings, get(`/rooms/${roomId}/access/__data.json`));

	// Each save flips the default between read and write, starting from what the last one saved.
	let loaded = start;
	const save = await measure(settings, async () => {
		const edited = {
			...loaded,
			defaultAccesses: [loaded.defaultAccesses[0] === '*:read' ? '*:write' : '*:read']
		};
		check(await postRoomAccessSave(app.appUrl, cookie, roomId, { loaded, edited }), 'success', problems);
		loaded = edited;
	});

	const stale = { ...loaded, defaultAccesses: [] };
	const refused = await measure(settings, async () => {
		const result = await postRoomAccessSave(app.appUrl, cookie, roomId, { loaded: stale, edited: start });
		check(result, 'failure', problems);
	});

	const rows = [
		['editor round trip', 'count', 'p50 ms', 'p95 ms', 'p99 ms'],
		row('open the editor (GET, rendered)', open),
		row('its data only (__data.json)', data),
		row('save one changed cell', save),
		row('stale save refused (409)', refused)
	];
	return { table: formatTable(rows), problems: [...new Set(problems)] };
}

function ids(prefix: string, count: number) {
	return Array.from({ length: count }, (_, index) => `${prefix}-${index + 1}`);
}

async function seedAdmin(appUrl: string, databaseUrl: string): Promise<string> {
	const db = connectDatabase(databaseUrl);
	try {
		await db.group.createMany({
			data: ids('bench-group', entriesPerKind).map((id) => ({ id, name: id }))
		});
		await db.person.createMany({
			data: ids('bench-person', entriesPerKind).map((id) => ({ id, email: `${id}@example.com`, name: id }))
		});
		const password = `bench-${randomUUID()}`;
		const email = 'bench-admin@example.com';
		await db.person.create({
			data: { email, name: 'Bench Admin', role: 'admin', passwordHash: await hashPassword(password) }
		});
		return await signIn(appUrl, email, password);
	} finally {
		await db.$disconnect();
	}
}

/** Runs `step` back to back for the warm-up, then for the measured seconds; returns each step's ms. */
async function measure(settings: BenchContext['settings'], step: () => Promise<void>): Promise<number[]> {
	const warmupEnd = Date.now() + settings.warmupSeconds * 1000;
	while (Date.now() < warmupEnd) await step();
	const times: number[] = [];
	const end = Date.now() + settings.seconds * 1000;
	while (Date.now() < end) {
		const started = performance.now();
		await step();
		times.push(performance.now() - started);
	}
	return times;
}

function check(result: ActionResult, type: ActionResult['type'], problems: string[]) {
	if (result.type !== type) problems.push(`expected ${type}, got ${result.type} ${result.status}`);
}

function row(name: string, times: number[]): string[] {
	const ms = (p: number) => percentile(times, p).toFixed(1);
	return [name, String(times.length), ms(50), ms(95), ms(99)];
}
