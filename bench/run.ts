// `npm run bench [-- <entry>...]`: runs the named benchmark entries (all when none is named) and
// prints their tables. Exits 1 when any request failed: such figures must not be quoted.
import { cpus, totalmem } from 'node:os';
import { accessResolution } from './access-resolution';
import { auditLog } from './audit-log';
import { CleanupStack } from './cleanup-stack';
import { editorSave } from './editor-save';
import type { BenchEntry, BenchSettings } from './entry';
import { secondsFromEnv } from './env-seconds';
import { inspector } from './inspector';
import { liveblocksAuth } from './liveblocks-auth';
import { loadAverage } from './load-average';
import { peopleList } from './people-list';
import { soak } from './soak';
import { whoHasAccess } from './who-has-access';

const entries: BenchEntry[] = [
	liveblocksAuth,
	peopleList,
	whoHasAccess,
	accessResolution,
	editorSave,
	inspector,
	auditLog,
	soak
];

const settings: BenchSettings = { warmupSeconds: 1, seconds: stepSeconds() };
const selected = selectEntries(process.argv.slice(2));
const cleanup = new CleanupStack();
const startedAt = Date.now();

// Ctrl-C must still stop the servers and drop the database.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
	process.once(signal, () => {
		console.error(`\n${signal}: cleaning up`);
		void cleanup.run().finally(() => process.exit(130));
	});
}

const cpu = cpus();
console.log(
	`machine: ${cpu.length} cores (${cpu[0]?.model.trim() ?? 'unknown CPU'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
		`node ${process.version}, ${process.platform}-${process.arch}, ${new Date().toISOString()}, load average ${loadAverage()}`
);
console.log(
	`each load step: ${settings.warmupSeconds} s warm-up, then ${settings.seconds} s measured (BENCH_SECONDS)`
);

let failed = false;
for (const entry of selected) {
	console.log(`\n== ${entry.name}: ${entry.summary}`);
	try {
		const report = await entry.run({
			settings,
			cleanup,
			progress: (message) => console.error(`[${entry.name}] ${message}`)
		});
		console.log(`\n${report.table}`);
		if (report.problems.length > 0) {
			failed = true;
			const banner = `!!! ${entry.name}: REQUESTS FAILED, these figures are not valid:\n${report.problems.map((p) => `!!!   ${p}`).join('\n')}`;
			console.log(banner);
			console.error(banner);
		}
	} catch (error) {
		failed = true;
		console.error(`${entry.name} failed:`, error);
	} finally {
		await cleanup.run().catch((error: unknown) => {
			failed = true;
			console.error(error);
		});
	}
}
// Figures are only as good as the machine was quiet: the load average says how quiet it was.
console.log(`\nfinished in ${((Date.now() - startedAt) / 1000).toFixed(0)} s, load average ${loadAverage()}`);
process.exitCode = failed ? 1 : 0;

function stepSeconds(): number {
	try {
		return secondsFromEnv('BENCH_SECONDS', 5);
	} catch (error) {
		console.error((error as Error).message);
		process.exit(2);
	}
}

function selectEntries(names: string[]): BenchEntry[] {
	if (names.length === 0) return entries;
	const unknown = names.filter((name) => !entries.some((entry) => entry.name === name));
	if (unknown.length > 0) {
		console.error(
			`Unknown benchmark(s): ${unknown.join(', ')}. Available: ${entries.map((e) => e.name).join(', ')}`
		);
		process.exit(2);
	}
	return entries.filter((entry) => names.includes(entry.name));
}
