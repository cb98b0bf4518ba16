// The Liveblocks 3.24 permission scopes, and one principal's scope list read as a row of levels.
// Mirrors @liveblocks/core's permissions (what the client and the dev server run), no I/O.

export const resources = [
	'room',
	'storage',
	'comments',
	'comments:public',
	'comments:private',
	'feeds'
] as const;
export type Resource = (typeof resources)[number];
/** The resources a list may override; `room` is the base every other one inherits from. */
export type OverrideResource = Exclude<Resource, 'room'>;
export const overrideResources = resources.filter((r): r is OverrideResource => r !== 'room');

export const levels = ['none', 'read', 'write'] as const;
export type Level = (typeof levels)[number];

/** One principal's access (default, a group or a person): room is the base level; 'inherit' follows the base (comment visibilities follow comments). */
export type AccessRow = {
	room: Level;
	storage: Level | 'inherit';
	comments: Level | 'inherit';
	'comments:public': Level | 'inherit';
	'comments:private': Level | 'inherit';
	feeds: Level | 'inherit';
	/** Legacy `room:presence:write`: accepted next to a base scope, grants nothing in 3.24. */
	presence: boolean;
};

/** As getRoom returns them. */
export type RoomAccesses = {
	defaultAccesses: string[];
	groupsAccesses: Record<string, string[]>;
	usersAccesses: Record<string, string[]>;
};

/** The empty list: sets nothing, so as defaultAccesses it means no access. */
export const emptyRow: AccessRow = {
	room: 'none',
	storage: 'inherit',
	comments: 'inherit',
	'comments:public': 'inherit',
	'comments:private': 'inherit',
	feeds: 'inherit',
	presence: false
};

export const presenceScope = 'room:presence:write';
/** Base scopes; `room:read` and `room:write` are legacy aliases, read but never written. */
export const baseScopes: Readonly<Record<string, 'read' | 'write'>> = {
	'*:read': 'read',
	'*:write': 'write',
	'room:read': 'read',
	'room:write': 'write'
};

/** Every scope Liveblocks accepts. */
export const knownScopes: readonly string[] = [
	...Object.keys(baseScopes),
	...overrideResources.flatMap((resource) => levels.map((level) => `${resource}:${level}`)),
	presenceScope
];

export type ParsedScope = { resource: Resource; level: Level } | { resource: 'presence' };

/** What one scope sets, or undefined for a scope Liveblocks does not know. */
export function parseScope(scope: string): ParsedScope | undefined {
	if (scope === presenceScope) return { resource: 'presence' };
	const base = Object.hasOwn(baseScopes, scope) ? baseScopes[scope] : undefined;
	if (base) return { resource: 'room', level: base };
	const colon = scope.lastIndexOf(':');
	const resource = scope.slice(0, colon) as OverrideResource;
	const level = scope.slice(colon + 1) as Level;
	return overrideResources.includes(resource) && levels.includes(level) ? { resource, level } : undefined;
}

export const levelRank: Readonly<Record<Level, number>> = { none: 0, read: 1, write: 2 };

/**
 * The row a scope list sets, read as Liveblocks reads it: never throws. Unknown scopes are ignored
 * and, of two scopes for one resource, the higher level wins (as @liveblocks/core's
 * resolveResourceAccess does). Validate lists first (validateScopes) where that matters.
 */
export function scopesToRow(scopes: readonly string[]): AccessRow {
	const row = { ...emptyRow };
	for (const scope of scopes) {
		const parsed = parseScope(scope);
		if (!parsed) continue;
		if (parsed.resource === 'presence') row.presence = true;
		else {
			const current = row[parsed.resource];
			if (current === 'inherit' || levelRank[parsed.level] > levelRank[current])
				row[parsed.resource] = parsed.level;
		}
	}
	return row;
}

/**
 * The scope list of a row, in a fixed order (base, overrides in `resources` order, presence), with
 * `*:read`/`*:write` for the base. Exact for every row: a row with no base but overrides gives a list
 * Liveblocks rejects, which validateScopes reports.
 */
export function rowToScopes(row: AccessRow): string[] {
	return [
		...(row.room === 'none' ? [] : [`*:${row.room}`]),
		...overrideResources.flatMap((resource) =>
			row[resource] === 'inherit' ? [] : [`${resource}:${row[resource]}`]
		),
		...(row.presence ? [presenceScope] : [])
	];
}
