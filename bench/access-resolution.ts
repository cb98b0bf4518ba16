import { performance } from 'node:perf_hooks';
import { resolveEffectiveAccess, validateRoomAccesses, type RoomAccesses } from '../src/lib/access';
import type { BenchContext, BenchEntry, EntryReport } from './entry';
import { percentile } from './stats';
import { formatTable } from './table';

const groupEntries = 100;
const userEntries = 100;
const peopleCount = 1_000;
const maxGroupsPerPerson = 5;
const minRuns = 5;

/** Realistic entry lists, a base with zero to three overrides. */
const lists = [
	['*:write'],
	['*:read'],
	['*:read', 'comments:write'],
	['*:write', 'storage:read'],
	['*:read', 'comments:public:write', 'comments:private:none'],
	['*:write', 'feeds:none', 'comments:read'],
	['room:read', 'room:presence:write']
];

/**
 * resolveEffectiveAccess for 1,000 people across one room with 100 group and 100 user entries: what
 * the inspector spends to explain every person's access. Pure CPU, no services; the room and the
 * people come from a fixed seed, so runs compare.
 */
export const accessResolution: BenchEntry = {
	name: 'access-resolution',
	summary: `effective access of ${peopleCount.toLocaleString('en')} people, room with ${groupEntries} group and ${userEntries} user entries`,
	run
};

async function run({ settings, progress }: BenchContext): Promise<EntryReport> {
	const random = seededRandom(24);
	const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!;
	const groupIds = Array.from({ length: groupEntries }, (_, i) => `group-${i}`);
	const userIds = Array.from({ length: userEntries }, (_, i) => `user-${i}`);
	const room: RoomAccesses = {
		defaultAccesses: ['*:read'],
		groupsAccesses: Object.fromEntries(groupIds.map((id) => [id, pick(lists)])),
		usersAccesses: Object.fromEntries(userIds.map((id) => [id, pick(lists)]))
	};
	// The room may hold only 100 user entries, so the half of the people with their own entry share
	// them (5 people per entry): the lookup costs the same whoever holds the id.
	const people = Array.from({ length: peopleCount }, (_, i) => ({
		userId: i % 2 === 0 ? userIds[(i / 2) % userEntries]! : `person-${i}`,
		groupIds: Array.from({ length: Math.floor(random() * (maxGroupsPerPerson + 1)) }, () => pick(groupIds))
	}));

	const problems = validateRoomAccesses(room).map((problem) => `room is invalid: ${problem.message}`);
	const resolveEveryone = () => {
		let writers = 0;
		for (const person of people) if (resolveEffectiveAccess(room, person).canWrite) writers += 1;
		return writers;
	};

	progress(`warming up for ${settings.warmupSeconds} s`);
	for (const until = performance.now() + settings.warmupSeconds * 1000; performance.now() < until;)
		resolveEveryone();

	progress(`measuring for ${settings.seconds} s`);
	const runs: number[] = [];
	let writers = 0;
	for (
		const until = performance.now() + settings.seconds * 1000;
		performance.now() < until || runs.length < minRuns;
	) {
		const started = performance.now();
		writers = resolveEveryone();
		runs.push(performance.now() - started);
	}
	// A result the optimiser cannot drop, and a check that the room really grants a mix.
	if (writers === 0 || writers === peopleCount)
		problems.push(`${writers} of ${peopleCount} people can write: no mix`);

	const perPerson = (ms: number) => ((ms * 1000) / peopleCount).toFixed(2);
	const rows = [
		['people', 'runs', 'total p50 ms', 'total p95 ms', 'µs/person p50', 'µs/person p95', 'can write'],
		[
			peopleCount.toLocaleString('en'),
			String(runs.length),
			percentile(runs, 50).toFixed(2),
			percentile(runs, 95).toFixed(2),
			perPerson(percentile(runs, 50)),
			perPerson(percentile(runs, 95)),
			String(writers)
		]
	];
	const note =
		`one run resolves every person once; 0-${maxGroupsPerPerson} groups each, half with their own entry; ` +
		`${settings.warmupSeconds} s warm-up, then runs for ${settings.seconds} s (BENCH_SECONDS)`;
	return { table: `${formatTable(rows)}\n${note}`, problems };
}

/** mulberry32: a small PRNG, so every run builds the same room and people. */
function seededRandom(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state + 0x6d2b79f5) | 0;
		let t = Math.imul(state ^ (state >>> 15), 1 | state);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}
