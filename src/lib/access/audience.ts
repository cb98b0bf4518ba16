// Who can enter a room, by "class": a person's access depends only on which of the room's groups
// they are in and on their own entry, so everyone without an own entry who is in the same room
// groups gets the same access. Each class is resolved once by resolveEffectiveAccess; the database
// only says who is in which class (docs/decisions/026-people-with-access.md). No I/O here.
import { sortIds } from '$lib/identity';
import { accessSummary, type AccessSummary } from '$lib/labels';
import { resolveEffectiveAccess, type EffectiveAccess } from './resolve';
import { resources, type RoomAccesses } from './scopes';

/** The summaries a person who can enter is listed under, highest first. */
export const audienceLevels = ['Can edit', 'Can comment', 'Can view'] as const satisfies AccessSummary[];
export type AudienceLevel = (typeof audienceLevels)[number];

/** People in exactly these room groups, and how many. */
export type ClassCount = { groups: string[]; count: number };
/** A person with an own entry: their room groups. */
export type OwnEntryPerson = { id: string; groups: string[] };

export type ResolvedClass = ClassCount & { access: EffectiveAccess };

export type Audience = {
	/** What someone in no room group and without an own entry gets. */
	defaultAccess: EffectiveAccess;
	/** Every class, the default one (no room group) included, each count without own-entry people. */
	classes: ResolvedClass[];
	/** Own-entry people in the directory, by id. */
	ownEntries: Map<string, { groups: string[]; access: EffectiveAccess }>;
	/** Everyone who can enter, per summary. */
	counts: Record<AudienceLevel, number>;
	/** Everyone active, whether they can enter or not. */
	people: number;
	/** The groups the room names (roomGroupIds). */
	roomGroups: string[];
};

/** The group ids a room names, which are all that can set a person's class. */
export function roomGroupIds(room: RoomAccesses): string[] {
	return sortIds(Object.keys(room.groupsAccesses));
}

/** One key per class whatever order its groups come in. */
export function classKey(groups: readonly string[]): string {
	return JSON.stringify(sortIds(groups));
}

/**
 * A person's access in the room, resolved as the ID-token endpoint's groups make Liveblocks do.
 * Groups the room does not name change nothing, so a person's room groups are enough.
 */
export function accessOf(
	room: RoomAccesses,
	person: { id: string; groups: readonly string[]; ownEntry: boolean }
) {
	// Without an own entry the person's id must not matter, even if it collides with an entry's.
	const rules = person.ownEntry ? room : { ...room, usersAccesses: {} };
	return resolveEffectiveAccess(rules, { userId: person.id, groupIds: sortIds(person.groups) });
}

/** The summary a person is listed under (labels.ts words it), or null when they cannot enter. */
export function audienceLevel(access: EffectiveAccess): AudienceLevel | null {
	const summary = accessSummary(access);
	return summary === 'No access' ? null : summary;
}

/**
 * Resolves each class and each own-entry person once. `classes` counts everyone active in each
 * class, own-entry people included (the database does not know who has one); `defaultCount`
 * those in no room group. Own-entry people are moved out of their class's count.
 */
export function resolveAudience(
	room: RoomAccesses,
	{
		classes,
		defaultCount,
		ownEntries
	}: { classes: ClassCount[]; defaultCount: number; ownEntries: OwnEntryPerson[] }
): Audience {
	const byKey = new Map<string, ResolvedClass>();
	for (const { groups, count } of [{ groups: [], count: defaultCount }, ...classes]) {
		byKey.set(classKey(groups), {
			groups,
			count,
			access: accessOf(room, { id: '', groups, ownEntry: false })
		});
	}
	const own: Audience['ownEntries'] = new Map();
	for (const person of ownEntries) {
		const resolved = byKey.get(classKey(person.groups));
		if (resolved) resolved.count -= 1;
		own.set(person.id, { groups: person.groups, access: accessOf(room, { ...person, ownEntry: true }) });
	}
	const counts: Record<AudienceLevel, number> = { 'Can edit': 0, 'Can comment': 0, 'Can view': 0 };
	const tally = (access: EffectiveAccess, count: number) => {
		const level = audienceLevel(access);
		if (level) counts[level] += count;
	};
	for (const resolved of byKey.values()) tally(resolved.access, resolved.count);
	for (const { access } of own.values()) tally(access, 1);
	const defaultAccess = byKey.get(classKey([]))!.access;
	const people = classes.reduce((sum, { count }) => sum + count, defaultCount);
	const roomGroups = roomGroupIds(room);
	return { defaultAccess, classes: [...byKey.values()], ownEntries: own, counts, people, roomGroups };
}

/** Whether two people have the same access, whatever rule gave it. */
export function sameAccess(a: EffectiveAccess, b: EffectiveAccess): boolean {
	return resources.every((resource) => a.levels[resource] === b.levels[resource]);
}

export type AudienceFilter = {
	level: AudienceLevel | null;
	/** Only members of this group. */
	group: string | null;
	/** When the default lets everyone in: list them all, not only those whose access differs. */
	everyone: boolean;
};

/** Which people a filtered list holds, as the paging query takes it. */
export type AudienceSelection = {
	/** Classes whose people are listed (own-entry people aside), with how many people each has. */
	classes: ClassCount[];
	/** Own-entry people who are listed. */
	ownEntryIds: string[];
	/** Every own-entry person: never listed by class. */
	allOwnEntryIds: string[];
	/** How many people that is, before any search (and any group the room does not name). */
	count: number;
	/** A group filter the classes cannot answer, because the room does not name the group: the query must. */
	memberOf: string | null;
};

/**
 * The classes and own-entry people a filter lists: those who can enter, at the level asked, in the
 * group asked, and, when the default lets everyone in and `everyone` is off, only those whose
 * access differs from it. Membership of a group the room names is part of the class.
 */
export function selectAudience(audience: Audience, filter: AudienceFilter): AudienceSelection {
	const onlyDifferent = audience.defaultAccess.canConnect && !filter.everyone;
	const classGroup =
		filter.group !== null && audience.roomGroups.includes(filter.group) ? filter.group : null;
	const listed = ({ groups, access }: { groups: string[]; access: EffectiveAccess }) => {
		const level = audienceLevel(access);
		if (!level || (filter.level && level !== filter.level)) return false;
		if (classGroup !== null && !groups.includes(classGroup)) return false;
		return !(onlyDifferent && sameAccess(access, audience.defaultAccess));
	};
	const classes = audience.classes.filter((resolved) => resolved.count > 0 && listed(resolved));
	const ownEntryIds = [...audience.ownEntries].filter(([, person]) => listed(person)).map(([id]) => id);
	return {
		classes: classes.map(({ groups, count }) => ({ groups, count })),
		ownEntryIds,
		allOwnEntryIds: [...audience.ownEntries.keys()],
		count: classes.reduce((sum, resolved) => sum + resolved.count, 0) + ownEntryIds.length,
		memberOf: classGroup === null ? filter.group : null
	};
}
