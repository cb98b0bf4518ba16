/** A positive number of seconds from the environment variable `name`, or `fallback` when it is unset or empty. */
export function secondsFromEnv(name: string, fallback: number): number {
	const raw = process.env[name]?.trim();
	if (!raw) return fallback;
	const seconds = Number(raw);
	if (!Number.isFinite(seconds) || seconds <= 0) {
		throw new Error(`${name} must be a positive number of seconds, got "${raw}"`);
	}
	return seconds;
}
