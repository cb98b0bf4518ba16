import type { CleanupStack } from './cleanup-stack';

export interface BenchSettings {
	/** Warm-up before each measured load step. */
	warmupSeconds: number;
	/** Length of each measured load step. */
	seconds: number;
}

export interface BenchContext {
	settings: BenchSettings;
	/** Where an entry registers the tear-down of everything it starts, so it runs on errors and Ctrl-C too. */
	cleanup: CleanupStack;
	/** Progress for the person waiting (stderr, so stdout holds only results). */
	progress(message: string): void;
}

export interface EntryReport {
	/** The results as a plain-text table. */
	table: string;
	/** One line per failed measurement (errors, missing results): any makes the whole run fail. */
	problems: string[];
}

/** One benchmark, run by name: `npm run bench -- <name>`. */
export interface BenchEntry {
	name: string;
	summary: string;
	run(context: BenchContext): Promise<EntryReport>;
}
