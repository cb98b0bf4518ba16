import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { percentile } from './stats';

export interface LoadOptions {
	/** Virtual clients, each sending its next request as soon as its previous one is answered. */
	clients: number;
	/** Load sent but not measured first: JIT, connection pools and caches settle. */
	warmupSeconds: number;
	/** The measured window after the warm-up. */
	seconds: number;
	/** Sends one request for virtual client `client` (0-based) and resolves with the HTTP status. */
	send(client: number): Promise<number>;
	/** Called as the measured window opens and as it closes, e.g. to read a server's CPU counters. */
	onWindow?: { opened(): void; closed(): void };
}

export interface LoadResult {
	/** Requests answered in the measured window, errors included. */
	requests: number;
	/** Non-2xx answers and failed requests in the measured window. */
	errors: number;
	/** What the errors were ('HTTP 500', 'ECONNRESET', ...) and how often. */
	errorKinds: Record<string, number>;
	/** 2xx answers per second: errors are not throughput. */
	throughputPerSec: number;
	/** Latency percentiles of the 2xx answers: a fast failure is not a fast answer. */
	p50Ms: number;
	p99Ms: number;
}

/**
 * Closed-loop load: `clients` loops of request-after-answer, for the warm-up and then the measured
 * window. What counts is every request that completes inside the window, so throughput is exactly
 * completions / window and neither the warm-up nor the stragglers after the end leak in.
 */
export async function runLoad({
	clients,
	warmupSeconds,
	seconds,
	send,
	onWindow
}: LoadOptions): Promise<LoadResult> {
	const windowStart = performance.now() + warmupSeconds * 1000;
	const windowEnd = windowStart + seconds * 1000;
	const latenciesMs: number[] = [];
	const errorKinds: Record<string, number> = {};
	let errors = 0;

	const record = (started: number, outcome: string | undefined) => {
		const finished = performance.now();
		if (finished < windowStart || finished > windowEnd) return;
		if (outcome === undefined) {
			latenciesMs.push(finished - started);
		} else {
			errors += 1;
			errorKinds[outcome] = (errorKinds[outcome] ?? 0) + 1;
		}
	};

	const loop = async (client: number) => {
		while (performance.now() < windowEnd) {
			const started = performance.now();
			const outcome = await send(client).then(
				(status) => (status >= 200 && status < 300 ? undefined : `HTTP ${status}`),
				(error: NodeJS.ErrnoException) => error.code ?? error.message
			);
			record(started, outcome);
			// A refused connection fails at once: pause so a dead server does not become a busy loop.
			if (outcome !== undefined && !outcome.startsWith('HTTP')) await sleep(10);
		}
	};
	const windowEdges = onWindow
		? [
				sleep(warmupSeconds * 1000).then(() => onWindow.opened()),
				sleep((warmupSeconds + seconds) * 1000).then(() => onWindow.closed())
			]
		: [];
	await Promise.all([...Array.from({ length: clients }, (_, client) => loop(client)), ...windowEdges]);

	return {
		requests: latenciesMs.length + errors,
		errors,
		errorKinds,
		throughputPerSec: latenciesMs.length / seconds,
		p50Ms: percentile(latenciesMs, 50),
		p99Ms: percentile(latenciesMs, 99)
	};
}

/** One line per failed measurement of a load step called `label`: any error, or nothing measured at all. */
export function loadProblems(label: string, result: LoadResult): string[] {
	if (result.errors > 0) {
		const kinds = Object.entries(result.errorKinds).map(([kind, count]) => `${kind} x${count}`);
		return [`${label}: ${result.errors} of ${result.requests} requests failed (${kinds.join(', ')})`];
	}
	if (result.requests === 0) return [`${label}: no request completed in the measured window`];
	return [];
}
