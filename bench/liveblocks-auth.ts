import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../scripts/services/free-port';
import { startAppUnderTest } from './app-under-test';
import { startBareIdentifyServer } from './bare-identify-process';
import { connectProfiler, describeProfile } from './cpu-profile';
import type { BenchContext, BenchEntry, EntryReport } from './entry';
import { buildGuideApp, startGuideApp } from './guide-app-process';
import { httpPoster } from './http-post';
import { loadProblems, runLoad, type LoadResult } from './load';
import { loadAverage } from './load-average';
import { processCpuMs } from './process-cpu';
import { formatTable } from './table';
import { appTokenTarget, requestToken, tokenRequestBody, type TokenTarget } from './token-endpoint';

const concurrencies = [1, 16, 64];
/** Load on each server once, unmeasured, before the measured steps. */
const serverWarmup = { clients: 16, seconds: 5 };
const memberCount = 64;
/** BENCH_PROFILE=1 adds a profiled run of the app at the highest concurrency, after the table. */
const profiling = process.env.BENCH_PROFILE === '1';

interface Target extends TokenTarget {
	name: 'app' | 'guide' | 'bare';
}

interface Measurement extends LoadResult {
	/** CPU time the server's own process used per token answered in the measured window. */
	cpuMsPerToken: number;
}

/**
 * POST /api/liveblocks-auth of the built app (session cookie -> person and groups from PostgreSQL
 * -> identifyUser) beside the Liveblocks guide's endpoint in a minimal SvelteKit app (fixed user,
 * same adapter) and a bare node:http server that only calls identifyUser, all against one
 * Liveblocks dev server: app/guide is what Gatehouse adds to any SvelteKit app, app/bare what it
 * adds to Liveblocks itself.
 */
export const liveblocksAuth: BenchEntry = {
	name: 'liveblocks-auth',
	summary:
		'ID-token endpoint: the app vs. the guide endpoint in a minimal SvelteKit app vs. a bare identifyUser server, 1/16/64 clients',
	run
};

async function run(context: BenchContext): Promise<EntryReport> {
	const { cleanup, progress, settings } = context;
	const inspectorPort = profiling ? await freePort() : undefined;
	const app = await startAppUnderTest(context, {
		nodeOptions: inspectorPort ? `--inspect=127.0.0.1:${inspectorPort}` : undefined
	});
	const appTarget = await appTokenTarget(context, app, memberCount);

	progress('building and starting the guide app, starting the bare identifyUser server');
	await buildGuideApp();
	const liveblocks = { secret: app.liveblocksSecret, baseUrl: app.liveblocksBaseUrl };
	const guide = await startGuideApp(liveblocks);
	cleanup.defer(() => guide.stop());
	const bare = await startBareIdentifyServer(liveblocks);
	cleanup.defer(() => bare.stop());

	const targets: Target[] = [
		{ ...appTarget, name: 'app' },
		{ name: 'guide', url: guide.url, pid: guide.pid, headersFor: () => ({}) },
		{ name: 'bare', url: bare.url, pid: bare.pid, headersFor: () => ({}) }
	];
	await requestToken(targets[1]!);
	await requestToken(targets[2]!);

	const rows: string[][] = [
		['liveblocks-auth', 'clients', 'tokens/s', 'p50 ms', 'p99 ms', 'errors', 'CPU ms/token']
	];
	const problems: string[] = [];
	// Each server's code compiled by the JIT before anything is measured: a step's own warm-up is
	// too short for the app's longer path, whose first steps otherwise measure V8 as much as it.
	for (const target of targets) {
		progress(`${target.name}, warming up (${serverWarmup.clients} clients, ${serverWarmup.seconds} s)`);
		await measure(target, serverWarmup.clients, {
			...context,
			settings: { warmupSeconds: 0, seconds: serverWarmup.seconds }
		});
	}
	const loadBefore = loadAverage();
	for (const [level, clients] of concurrencies.entries()) {
		// All three at each level, the first one rotating, so drift over the run (heat, other work on
		// the machine) and whatever a step leaves behind for the next fall on each server alike.
		const order = targets.map((_, index) => targets[(index + level) % targets.length]!);
		const results = new Map<Target['name'], Measurement>();
		for (const target of order) {
			progress(`${target.name}, ${clients} client(s)`);
			results.set(target.name, await measure(target, clients, context));
		}
		const [appResult, guideResult, bareResult] = targets.map((target) => results.get(target.name)!);
		rows.push(
			resultRow('app', clients, appResult!),
			resultRow('guide', clients, guideResult!),
			resultRow('bare', clients, bareResult!),
			ratioRow('ratio app/guide', clients, appResult!, guideResult!),
			ratioRow('ratio app/bare', clients, appResult!, bareResult!)
		);
		for (const target of targets)
			problems.push(...loadProblems(`${target.name}, ${clients} client(s)`, results.get(target.name)!));
	}

	let table = `${formatTable(rows)}\nload average as the first step began: ${loadBefore}; after the last: ${loadAverage()}`;
	if (inspectorPort) table += `\n\n${await profileApp(targets[0]!, inspectorPort, context)}`;
	return { table, problems };

	async function profileApp(target: Target, port: number, { progress }: BenchContext): Promise<string> {
		const clients = concurrencies.at(-1)!;
		progress(`app, ${clients} clients, CPU profile`);
		const profiler = await connectProfiler(port);
		try {
			await profiler.start();
			const profiled = await measure(target, clients, {
				...context,
				settings: { ...settings, warmupSeconds: 0 }
			});
			const profile = await profiler.stop();
			// The whole profile too, for Chrome DevTools' Performance panel or any .cpuprofile viewer.
			const file = join(tmpdir(), `gatehouse-liveblocks-auth-${Date.now()}.cpuprofile`);
			await writeFile(file, JSON.stringify(profile));
			return (
				`CPU profile of the app at ${clients} clients (a run of its own after the table; ` +
				`${profiled.throughputPerSec.toFixed(0)} tokens/s under the profiler), saved as ${file}\n` +
				describeProfile(profile)
			);
		} finally {
			profiler.close();
		}
	}
}

/** One load step against `target`, with the CPU its process used in the measured window. */
async function measure(target: Target, clients: number, { settings }: BenchContext): Promise<Measurement> {
	const poster = httpPoster(target.url, tokenRequestBody);
	let cpuAtOpen = 0;
	let cpuInWindow = 0;
	try {
		const result = await runLoad({
			clients,
			warmupSeconds: settings.warmupSeconds,
			seconds: settings.seconds,
			send: (client) => poster.post(target.headersFor(client)),
			onWindow: {
				opened: () => (cpuAtOpen = processCpuMs(target.pid)),
				closed: () => (cpuInWindow = processCpuMs(target.pid) - cpuAtOpen)
			}
		});
		return { ...result, cpuMsPerToken: cpuInWindow / (result.requests - result.errors) };
	} finally {
		poster.close();
	}
}

function resultRow(target: string, clients: number, result: Measurement): string[] {
	return [
		target,
		String(clients),
		result.throughputPerSec.toFixed(0),
		result.p50Ms.toFixed(2),
		result.p99Ms.toFixed(2),
		result.errors === 0 ? '0' : `${result.errors} FAILED`,
		result.cpuMsPerToken.toFixed(2)
	];
}

function ratioRow(label: string, clients: number, of: Measurement, to: Measurement): string[] {
	const ratio = (a: number, b: number) => (a / b).toFixed(2);
	return [
		label,
		String(clients),
		ratio(of.throughputPerSec, to.throughputPerSec),
		ratio(of.p50Ms, to.p50Ms),
		ratio(of.p99Ms, to.p99Ms),
		'',
		ratio(of.cpuMsPerToken, to.cpuMsPerToken)
	];
}
