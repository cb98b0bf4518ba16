// A person's effective access in a room, resolved as Liveblocks does (@liveblocks/core's
// mergeRoomPermissionScopes, which the dev server runs when a socket opens), and which rule decided
// each resource.
import {
	levelRank,
	overrideResources,
	resources,
	scopesToRow,
	type AccessRow,
	type Level,
	type Resource,
	type RoomAccesses
} from './scopes';

export type RuleSource =
	{ kind: 'default' } | { kind: 'group'; groupId: string } | { kind: 'user' } | { kind: 'none' };

export type EffectiveAccess = {
	/** false = Liveblocks refuses the connection (4001) */
	canConnect: boolean;
	/** resolved, with inheritance applied */
	levels: Record<Resource, Level>;
	/** which rule produced each level */
	decidedBy: Record<Resource, RuleSource>;
	/** what room.getSelf().canWrite will report: storage write */
	canWrite: boolean;
	/** what room.getSelf().canComment will report: write on comments or on either comment visibility */
	canComment: boolean;
};

type Decision = { level: Level; by: RuleSource };
/** What one source sets, per resource; a resource it leaves to inheritance is absent. */
type Settings = Partial<Record<Resource, Decision>>;

export function resolveEffectiveAccess(
	room: RoomAccesses,
	person: { userId: string; groupIds: readonly string[] }
): EffectiveAccess {
	const groups = person.groupIds
		.filter((groupId) => Object.hasOwn(room.groupsAccesses, groupId))
		.map((groupId) => settingsOf(scopesToRow(room.groupsAccesses[groupId]!), { kind: 'group', groupId }));
	const own = Object.hasOwn(room.usersAccesses, person.userId) ? room.usersAccesses[person.userId]! : [];
	// Each later source overrides, per resource, what it sets; an empty list sets nothing.
	const merged: Settings = {
		...settingsOf(scopesToRow(room.defaultAccesses), { kind: 'default' }),
		...highestOf(groups),
		...settingsOf(scopesToRow(own), { kind: 'user' })
	};
	if (!merged.room) return noAccess();

	const base = merged.room;
	const comments = merged.comments ?? base;
	const decided: Record<Resource, Decision> = {
		room: base,
		storage: merged.storage ?? base,
		comments,
		'comments:public': merged['comments:public'] ?? comments,
		'comments:private': merged['comments:private'] ?? comments,
		feeds: merged.feeds ?? base
	};
	const levels = mapResources((resource) => decided[resource].level);
	return {
		canConnect: true,
		levels,
		decidedBy: mapResources((resource) => decided[resource].by),
		canWrite: levels.storage === 'write',
		canComment: [levels.comments, levels['comments:public'], levels['comments:private']].includes('write')
	};
}

/** No base level from any source: the connection is refused. */
function noAccess(): EffectiveAccess {
	return {
		canConnect: false,
		levels: mapResources(() => 'none'),
		decidedBy: mapResources(() => ({ kind: 'none' })),
		canWrite: false,
		canComment: false
	};
}

function settingsOf(row: AccessRow, by: RuleSource): Settings {
	const settings: Settings = row.room === 'none' ? {} : { room: { level: row.room, by } };
	for (const resource of overrideResources) {
		// Within one list, comments:read also sets both comment visibilities (core's explicitAccessForResource).
		const level =
			row[resource] !== 'inherit'
				? row[resource]
				: resource.startsWith('comments:')
					? row.comments
					: 'inherit';
		if (level !== 'inherit') settings[resource] = { level, by };
	}
	return settings;
}

/** The person's groups merged per resource by the highest level; on a tie the first group in the token decides. */
function highestOf(groups: readonly Settings[]): Settings {
	const merged: Settings = {};
	for (const settings of groups) {
		for (const resource of resources) {
			const candidate = settings[resource];
			const current = merged[resource];
			if (candidate && (!current || levelRank[candidate.level] > levelRank[current.level]))
				merged[resource] = candidate;
		}
	}
	return merged;
}

function mapResources<T>(value: (resource: Resource) => T): Record<Resource, T> {
	return Object.fromEntries(resources.map((resource) => [resource, value(resource)])) as Record<Resource, T>;
}
