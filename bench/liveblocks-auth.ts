import { startAppUnderTest } from './app-under-test';
import { startBareIdentifyServer } from './bare-identify-process';
import type { BenchContext, BenchEntry, EntryReport } from './entry';
import { httpPoster } from './http-post';
import { runLoad, type LoadResult } from './load';
import { seedMembers, signInMembers } from './members';
import { formatTable } from './table';

const concurrencies = [1, 16, 64];
const memberCount = 64;
/** What the Liveblocks client posts to its auth endpoint. */
const requestBody = JSON.stringify({ room: 'bench-room' });

/**
 * POST /api/liveblocks-auth of the built app (session cookie -> person and groups from PostgreSQL
 * -> identifyUser) beside a bare server that only calls identifyUser, under the same load: the
 * ratio is what the app adds on top of Liveblocks.
 */
export const liveblocksAuth: BenchEntry = {
	name: 'liveblocks-auth',
	summary: 'ID-token endpoint of the built app vs. a bare identifyUser server, 1/16/64 clients',
	run
};

async function run(context: BenchContext): Promise<EntryReport> {
	const { cleanup, progress, settings } = context;
	const app = await startAppUnderTest(context);

	progress(`seeding ${memberCount} members and signing each in once`);
	const members = await seedMembers(app.databaseUrl, memberCount);
	const cookies = await signInMembers(app.appUrl, members);

	progress('starting the bare identifyUser server');
	const bare = await startBareIdentifyServer({
		secret: app.liveblocksSecret,
		baseUrl: app.liveblocksBaseUrl
	});
	cleanup.defer(() => bare.stop());

	const appEndpoint = `${app.appUrl}/api/liveblocks-auth`;
	const appToken = await requestToken(appEndpoint, { cookie: cookies[0]!, origin: app.appUrl });
	if (appToken.gids.length < 2) {
		throw new Error(
			`The app's ID token names groups ${JSON.stringify(appToken.gids)}, not the member's 2 or more`
		);
	}
	await requestToken(bare.url, {});

	const rows: string[][] = [['liveblocks-auth', 'clients', 'req/s', 'p50 ms', 'p99 ms', 'errors']];
	const problems: string[] = [];
	for (const clients of concurrencies) {
		// Alternating app and bare at each level, so drift over the run (heat, background work) hits both alike.
		const step = { clients, warmupSeconds: settings.warmupSeconds, seconds: settings.seconds };
		progress(`app, ${clients} client(s)`);
		const appResult = await loadEndpoint(appEndpoint, step, (client) => ({
			cookie: cookies[client % cookies.length]!,
			origin: app.appUrl
		}));
		progress(`bare, ${clients} client(s)`);
		const bareResult = await loadEndpoint(bare.url, step, () => ({}));

		rows.push(resultRow('app', clients, appResult), resultRow('bare', clients, bareResult));
		rows.push([
			'ratio app/bare',
			String(clients),
			ratio(appResult.throughputPerSec, bareResult.throughputPerSec),
			ratio(appResult.p50Ms, bareResult.p50Ms),
			ratio(appResult.p99Ms, bareResult.p99Ms),
			''
		]);
		problems.push(...problemsOf('app', clients, appResult), ...problemsOf('bare', clients, bareResult));
	}
	return { table: formatTable(rows), problems };
}

async function loadEndpoint(
	url: string,
	step: { clients: number; warmupSeconds: number; seconds: number },
	headersFor: (client: number) => Record<string, string>
): Promise<LoadResult> {
	const poster = httpPoster(url, requestBody);
	try {
		return await runLoad({ ...step, send: (client) => poster.post(headersFor(client)) });
	} finally {
		poster.close();
	}
}

/**
 * One request before any load, so a broken set-up fails with its reason instead of a table of
 * errors. Returns the token's payload, which the dev server leaves unsigned and readable.
 */
async function requestToken(url: string, headers: Record<string, string>): Promise<{ gids: string[] }> {
	const response = await fetch(url, {
		method: 'POST',
		headers: { ...headers, 'content-type': 'application/json' },
		body: requestBody
	});
	const text = await response.text();
	const token = response.status === 200 ? (JSON.parse(text) as { token?: unknown }).token : undefined;
	if (typeof token !== 'string') {
		throw new Error(`${url} gave no ID token (${response.status}): ${text.slice(0, 300)}`);
	}
	const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
		gids?: string[];
	};
	return { gids: payload.gids ?? [] };
}

function resultRow(target: string, clients: number, result: LoadResult): string[] {
	return [
		target,
		String(clients),
		result.throughputPerSec.toFixed(0),
		result.p50Ms.toFixed(2),
		result.p99Ms.toFixed(2),
		result.errors === 0 ? '0' : `${result.errors} FAILED`
	];
}

function ratio(app: number, bare: number): string {
	return (app / bare).toFixed(2);
}

function problemsOf(target: string, clients: number, result: LoadResult): string[] {
	if (result.errors > 0) {
		const kinds = Object.entries(result.errorKinds).map(([kind, count]) => `${kind} x${count}`);
		return [
			`${target}, ${clients} client(s): ${result.errors} of ${result.requests} requests failed (${kinds.join(', ')})`
		];
	}
	if (result.requests === 0) {
		return [`${target}, ${clients} client(s): no request completed in the measured window`];
	}
	return [];
}
