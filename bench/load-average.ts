import { loadavg } from 'node:os';

/** The 1, 5 and 15 minute load averages, as `uptime` prints them: how quiet the machine was. */
export function loadAverage(): string {
	return loadavg()
		.map((load) => load.toFixed(2))
		.join(', ');
}
