import { performance } from 'node:perf_hooks';

/**
 * The `p`-th percentile (0 < p <= 100) of `values`, by the nearest-rank method: always one of the
 * measured values, never an interpolation between two, so a p99 is a latency some request really had.
 */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return Number.NaN;
	if (!(p > 0 && p <= 100)) throw new RangeError(`percentile must be in (0, 100], got ${p}`);
	const sorted = [...values].sort((a, b) => a - b);
	const rank = Math.ceil((p / 100) * sorted.length);
	return sorted[rank - 1]!;
}

/** Calls measured per figure by the latency benches, after this many unmeasured warm-up calls. */
export const iterations = 200;
export const warmupIterations = 20;

/** p50 and p95 in ms of `iterations` calls made one at a time, so the figures are latency, not throughput. */
export async function measureLatency(call: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
	for (let i = 0; i < warmupIterations; i += 1) await call();
	const latencies: number[] = [];
	for (let i = 0; i < iterations; i += 1) {
		const started = performance.now();
		await call();
		latencies.push(performance.now() - started);
	}
	return { p50: percentile(latencies, 50), p95: percentile(latencies, 95) };
}
