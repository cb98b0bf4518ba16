/**
 * Seeded random rooms, people and group memberships for the fidelity check: every scope list is
 * one Liveblocks 3.24 accepts (exactly one base scope, at most one scope per resource, optional
 * legacy `room:presence:write`), so any disagreement with the server is the resolver's, not ours.
 */

export type RoomAccesses = {
	defaultAccesses: string[];
	groupsAccesses: Record<string, string[]>;
	usersAccesses: Record<string, string[]>;
};

export type RandomPerson = { id: string; groupIds: string[] };

/** Which sources of a room apply to its person; `refused` is what the test aims at, not a source. */
export type Category = 'default-only' | 'group-decided' | 'user-decided' | 'refused';
export const categories: readonly Category[] = ['default-only', 'group-decided', 'user-decided', 'refused'];

export type RandomRoom = { id: string; accesses: RoomAccesses; person: RandomPerson; aim: Category };

export type RandomWorld = { groupIds: string[]; people: RandomPerson[]; rooms: RandomRoom[] };

export type Random = () => number;

/** mulberry32: tiny, fast and good enough to make test data reproducible from one number. */
export function seededRandom(seed: number): Random {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

function pick<T>(random: Random, items: readonly T[]): T {
	return items[Math.floor(random() * items.length)]!;
}

function integer(random: Random, min: number, max: number): number {
	return min + Math.floor(random() * (max - min + 1));
}

function shuffled<T>(random: Random, items: readonly T[]): T[] {
	const copy = [...items];
	for (let i = copy.length - 1; i > 0; i--) {
		const j = Math.floor(random() * (i + 1));
		[copy[i], copy[j]] = [copy[j]!, copy[i]!];
	}
	return copy;
}

function sample<T>(random: Random, items: readonly T[], count: number): T[] {
	return shuffled(random, items).slice(0, count);
}

const baseScopes = ['*:write', '*:read', 'room:write', 'room:read'] as const;
const overridableResources = ['storage', 'comments', 'comments:public', 'comments:private', 'feeds'] as const;
const levels = ['write', 'read', 'none'] as const;

/** One valid, non-empty scope list, in random order (the order must not matter). */
export function randomScopes(random: Random): string[] {
	const scopes: string[] = [pick(random, baseScopes)];
	for (const resource of overridableResources) {
		if (random() < 0.3) scopes.push(`${resource}:${pick(random, levels)}`);
	}
	if (random() < 0.1) scopes.push('room:presence:write');
	return shuffled(random, scopes);
}

/** A room's default: a quarter of rooms let nobody in by default. */
export function randomDefaultAccesses(random: Random): string[] {
	return random() < 0.25 ? [] : randomScopes(random);
}

/** Which of the room's sources apply to the person (the user entry, their groups, the default). */
export function sourcesThatApply(accesses: RoomAccesses, person: RandomPerson): Exclude<Category, 'refused'> {
	if (person.id in accesses.usersAccesses) return 'user-decided';
	if (person.groupIds.some((id) => id in accesses.groupsAccesses)) return 'group-decided';
	return 'default-only';
}

function entries(random: Random, ids: readonly string[]): Record<string, string[]> {
	return Object.fromEntries(ids.map((id) => [id, randomScopes(random)]));
}

/**
 * One room built around one person, so that each aim happens about as often as the others:
 * `user-decided` gives the person a user entry, `group-decided` gives one of their groups an entry,
 * `default-only` and `refused` give neither (`refused` with an empty default as well).
 */
function randomRoom(
	random: Random,
	id: string,
	groupIds: readonly string[],
	people: readonly RandomPerson[]
): RandomRoom {
	const aim = pick(random, categories);
	const candidates = aim === 'group-decided' ? people.filter((p) => p.groupIds.length > 0) : people;
	const person = pick(random, candidates);
	const othersGroups = groupIds.filter((g) => !person.groupIds.includes(g));
	const otherPeople = people.filter((p) => p !== person).map((p) => p.id);

	let groups: string[];
	if (aim === 'group-decided') {
		const own = pick(random, person.groupIds);
		groups = [
			own,
			...sample(
				random,
				groupIds.filter((g) => g !== own),
				integer(random, 0, 3)
			)
		];
	} else if (aim === 'user-decided') {
		groups = sample(random, groupIds, integer(random, 0, 4));
	} else {
		groups = sample(random, othersGroups, integer(random, 0, 4));
	}
	const users =
		aim === 'user-decided'
			? [person.id, ...sample(random, otherPeople, integer(random, 0, 2))]
			: sample(random, otherPeople, integer(random, 0, 3));

	const accesses: RoomAccesses = {
		defaultAccesses: aim === 'refused' ? [] : randomDefaultAccesses(random),
		groupsAccesses: entries(random, shuffled(random, groups)),
		usersAccesses: entries(random, shuffled(random, users))
	};
	return { id, accesses, person, aim };
}

/**
 * A reproducible world: `groups` groups, `people` people each in a random subset of them (about a
 * third each), and `rooms` rooms. `tag` keeps ids unique on a shared server and database.
 */
export function randomWorld(options: {
	seed: number;
	tag: string;
	groups?: number;
	people?: number;
	rooms?: number;
}): RandomWorld {
	const { seed, tag, groups = 8, people = 60, rooms = 200 } = options;
	const random = seededRandom(seed);
	const groupIds = Array.from({ length: groups }, (_, i) => `${tag}-group-${i}`);
	const persons = Array.from({ length: people }, (_, i) => ({
		id: `${tag}-person-${i}`,
		groupIds: groupIds.filter(() => random() < 0.35)
	}));
	if (!persons.some((p) => p.groupIds.length > 0)) persons[0]!.groupIds.push(groupIds[0]!);
	return {
		groupIds,
		people: persons,
		rooms: Array.from({ length: rooms }, (_, i) => randomRoom(random, `${tag}-room-${i}`, groupIds, persons))
	};
}
