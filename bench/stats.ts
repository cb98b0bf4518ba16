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
