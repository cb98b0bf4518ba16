import { performance } from 'node:perf_hooks';
import { freePort } from '../scripts/services/free-port';
import { benchTokensPerMinute, startAppUnderTest } from './app-under-test';
import type { BenchContext, BenchEntry, EntryReport } from './entry';
import { secondsFromEnv } from './env-seconds';
import { httpPoster } from './http-post';
import { connectInspector, type InspectorSession } from './inspector-session';
import { loadProblems, runLoad } from './load';
import { loadAverage } from './load-average';
import { processRssMiB } from './process-memory';
import { formatTable } from './table';
import { appTokenTarget, tokenRequestBody } from './token-endpoint';

const memberCount = 64;
/** Long enough for the JIT, the pools and V8's heap to reach their working size before the first reading. */
const warmupSeconds = 10;
const readEverySeconds = 10;
/** Growth below this share of the first reading is never called growth, however steady. */
const growthFloor = 0.02;

/** One reading of the app's memory in the measured window. */
interface Reading {
	/** Seconds since the window opened. */
	atSeconds: number;
	/** Tokens answered so far, warm-up included. */
	tokens: number;
	/** VmRSS as the app ran. */
	rssMiB: number;
	/** VmRSS and V8's used heap right after a full garbage collection: what the app really keeps. */
	rssAfterGcMiB: number;
	heapAfterGcMiB: number;
}

/**
 * The built app's `POST /api/liveblocks-auth` with 64 signed-in members asking at once, without a
 * pause, for BENCH_SOAK_SECONDS (default 60): every answer must be a token, and the memory the app
 * keeps must end where it started. V8 lets garbage pile up while it has room, so RSS as the app runs
 * rises for minutes with no leak at all; each reading therefore also forces a full collection over
 * the inspector and reads RSS and the used heap after it.
 */
export const soak: BenchEntry = {
	name: 'soak',
	summary: `ID-token endpoint of the built app, ${memberCount} members at once for BENCH_SOAK_SECONDS (default 60): errors, p50/p99, the app's memory over the run`,
	run
};

async function run(context: BenchContext): Promise<EntryReport> {
	const seconds = secondsFromEnv('BENCH_SOAK_SECONDS', 60);
	const inspectorPort = await freePort();
	const app = await startAppUnderTest(context, { nodeOptions: `--inspect=127.0.0.1:${inspectorPort}` });
	const target = await appTokenTarget(context, app, memberCount);
	const inspector = await connectInspector(inspectorPort);
	context.cleanup.defer(async () => inspector.close());

	context.progress(`${memberCount} members, ${warmupSeconds} s warm-up, then ${seconds} s measured`);
	const poster = httpPoster(target.url, tokenRequestBody);
	const readings: Promise<Reading>[] = [];
	const timers: NodeJS.Timeout[] = [];
	let tokens = 0;
	let openedAt = 0;
	const read = () => {
		const reading = readMemory(inspector, target.pid, (performance.now() - openedAt) / 1000, tokens);
		// Its failure is reported where the readings are awaited, not as an unhandled rejection before.
		reading.catch(() => {});
		readings.push(reading);
	};
	const loadBefore = loadAverage();
	const result = await runLoad({
		clients: memberCount,
		warmupSeconds,
		seconds,
		send: async (client) => {
			const status = await poster.post(target.headersFor(client));
			if (status >= 200 && status < 300) tokens += 1;
			return status;
		},
		onWindow: {
			opened: () => {
				openedAt = performance.now();
				read();
				for (let at = readEverySeconds; at < seconds; at += readEverySeconds)
					timers.push(setTimeout(read, at * 1000));
			},
			closed: () => timers.forEach(clearTimeout)
		}
	}).finally(() => poster.close());
	// The last reading as the last answers arrive, so it still sees the app as the load left it.
	read();
	const samples = await Promise.all(readings);

	const rows = [
		['soak', 'members', 'seconds', 'tokens', 'tokens/s', 'p50 ms', 'p99 ms', 'errors'],
		[
			'app',
			String(memberCount),
			String(seconds),
			String(result.requests - result.errors),
			result.throughputPerSec.toFixed(0),
			result.p50Ms.toFixed(2),
			result.p99Ms.toFixed(2),
			result.errors === 0 ? '0' : `${result.errors} FAILED`
		]
	];
	const table = [
		`the app's token limit is raised to ${benchTokensPerMinute.toLocaleString('en')} a minute per person ` +
			`(LIVEBLOCKS_TOKENS_PER_MINUTE), so members asking without a pause are counted but never refused`,
		formatTable(rows),
		'',
		formatTable(readingRows(samples)),
		growthVerdict(
			'RSS after full GC',
			samples.map((s) => ({ at: s.atSeconds, mib: s.rssAfterGcMiB }))
		),
		growthVerdict(
			'V8 heap after full GC',
			samples.map((s) => ({ at: s.atSeconds, mib: s.heapAfterGcMiB }))
		),
		`load average as the window opened: ${loadBefore}; as it closed: ${loadAverage()}`
	].join('\n');
	return { table, problems: loadProblems(`app, ${memberCount} members`, result) };
}

/** RSS as the app runs, then a full collection and what is left of RSS and of V8's heap. */
async function readMemory(
	inspector: InspectorSession,
	pid: number,
	atSeconds: number,
	tokens: number
): Promise<Reading> {
	const rssMiB = processRssMiB(pid);
	await inspector.send('HeapProfiler.collectGarbage');
	const { usedSize } = (await inspector.send('Runtime.getHeapUsage')) as { usedSize: number };
	return { atSeconds, tokens, rssMiB, rssAfterGcMiB: processRssMiB(pid), heapAfterGcMiB: usedSize / 2 ** 20 };
}

/** Each reading and the tokens/s since the one before: the trend, not just the two ends. */
function readingRows(samples: readonly Reading[]): string[][] {
	return [
		['at s', 'RSS MiB', 'RSS after GC', 'heap after GC', 'tokens/s since previous'],
		...samples.map((sample, index) => {
			const previous = samples[index - 1];
			const rate = previous
				? ((sample.tokens - previous.tokens) / (sample.atSeconds - previous.atSeconds)).toFixed(0)
				: '';
			return [
				sample.atSeconds.toFixed(0),
				sample.rssMiB.toFixed(1),
				sample.rssAfterGcMiB.toFixed(1),
				sample.heapAfterGcMiB.toFixed(1),
				rate
			];
		})
	];
}

/**
 * Growth (last reading minus first) is beyond noise when it exceeds both the swing of the readings
 * in the window's first half (how far the figure moves with no trend yet) and `growthFloor` of the
 * first reading. A leak grows in each half alike and so outruns the first half's swing.
 */
function growthVerdict(label: string, readings: readonly { at: number; mib: number }[]): string {
	const first = readings[0]!;
	const last = readings.at(-1)!;
	const firstHalf = readings.filter((reading) => reading.at <= last.at / 2).map((r) => r.mib);
	const swing = Math.max(...firstHalf) - Math.min(...firstHalf);
	const noise = Math.max(swing, first.mib * growthFloor);
	const growth = last.mib - first.mib;
	const sign = growth >= 0 ? '+' : '';
	return (
		`${label}: ${first.mib.toFixed(1)} MiB after the warm-up, ${last.mib.toFixed(1)} MiB at the end, ` +
		`${sign}${growth.toFixed(1)} MiB (${sign}${((growth / first.mib) * 100).toFixed(1)}%); noise ${noise.toFixed(1)} MiB ` +
		`(first half's swing ${swing.toFixed(1)}, floor ${growthFloor * 100}% of the start): ` +
		(growth > noise ? 'GROWTH BEYOND NOISE' : 'no growth beyond noise')
	);
}
