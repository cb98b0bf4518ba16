// An audit event's before and after in words: each changed row of a room's access in labels.ts'
// words (with its scopes for who asks for them), the changed fields of a person or group, who joined
// or left a group. Pure, so the audit page, its CSV export and tests read events the same way.
import {
	describePolicyChange,
	listOf,
	rowDifferences,
	type PolicyChange,
	type RoomAccesses
} from '$lib/access';
import {
	policyChangeLabel,
	presetLabels,
	principalLabel,
	rowChangeLabels,
	scopesText,
	type Names
} from '$lib/labels';

/** What the describer reads of an event. */
export type AuditEventContent = { action: string; before: unknown; after: unknown };

/**
 * One thing that changed: `field` of `subject` (a row of a room's access; absent for the target
 * itself) went from `before` to `after`; null is "not there" (created, removed, not set). A row of
 * a room's access also carries its lists as Liveblocks spells them, for "Show as Liveblocks scopes".
 */
export type ChangeLine = {
	subject?: string;
	field: string;
	before: string | null;
	after: string | null;
	scopes?: { before: string | null; after: string | null };
};

const accessKeys = ['defaultAccesses', 'groupsAccesses', 'usersAccesses'] as const;
const noAccess: RoomAccesses = { defaultAccesses: [], groupsAccesses: {}, usersAccesses: {} };

/** Keys shown elsewhere: the target's own id, and the bulk job, which is the event's related link. */
const hiddenKeys = new Set(['id', 'bulkJobId', ...accessKeys]);

const fieldLabels: Record<string, string> = {
	name: 'Name',
	email: 'Email',
	role: 'Role',
	status: 'Status',
	avatarUrl: 'Avatar URL',
	color: 'Color',
	groupIds: 'Groups',
	signIn: 'Signs in with',
	mustChangePassword: 'Must change password',
	via: 'Through',
	description: 'Description',
	memberCount: 'Members',
	organizationId: 'Organization',
	preset: 'Preset',
	copiedFrom: 'Copied from',
	change: 'Change',
	selection: 'Rooms chosen by',
	rooms: 'Rooms',
	roomsLeft: 'Rooms not done',
	inviteId: 'Invite',
	expiresAt: 'Link expires',
	reason: 'Why'
};

/** The ids of groups and people an event's words need names for. */
export function referencedIds(event: AuditEventContent): { groups: string[]; people: string[] } {
	const groups = new Set<string>();
	const people = new Set<string>();
	const membership = membershipGroup(event);
	if (membership) groups.add(membership);
	for (const side of [event.before, event.after]) {
		const ids = objectOf(side)?.groupIds;
		if (Array.isArray(ids)) for (const id of ids) if (typeof id === 'string') groups.add(id);
	}
	const accesses = accessChange(event);
	if (accesses) {
		for (const { principal } of rowDifferences(accesses.before, accesses.after)) {
			if (principal.kind === 'group') groups.add(principal.id);
			if (principal.kind === 'user') people.add(principal.id);
		}
	}
	const change = objectOf(event.after)?.change as PolicyChange | undefined;
	if (change?.kind === 'set-group' || change?.kind === 'remove-group') groups.add(change.groupId);
	if (change?.kind === 'set-user' || change?.kind === 'remove-user') people.add(change.userId);
	return { groups: [...groups], people: [...people] };
}

/** What changed, line by line: access rows first (in the editor's order), then fields. */
export function describeChanges(event: AuditEventContent, names: Names): ChangeLine[] {
	const membership = membershipGroup(event);
	if (membership) {
		const group = names.group(membership);
		return [
			event.action === 'membership.added'
				? { field: 'Groups', before: null, after: group }
				: { field: 'Groups', before: group, after: null }
		];
	}
	const accesses = accessChange(event);
	return [
		...(accesses ? accessLines(accesses.before, accesses.after, names) : []),
		...fieldLines(event, names)
	];
}

/** A line as one sentence, for the CSV export and screen readers: "Group Design · Access: Can view → Can edit". */
export function changeText(line: ChangeLine): string {
	const subject = line.subject ? `${line.subject} · ` : '';
	return `${subject}${line.field}: ${line.before ?? '—'} → ${line.after ?? '—'}`;
}

function membershipGroup(event: AuditEventContent): string | undefined {
	if (event.action !== 'membership.added' && event.action !== 'membership.removed') return undefined;
	const side = objectOf(event.action === 'membership.added' ? event.after : event.before);
	return typeof side?.groupId === 'string' ? side.groupId : undefined;
}

/** The room's accesses on each side, when the event holds them on at least one (none where it holds none). */
function accessChange(event: AuditEventContent): { before: RoomAccesses; after: RoomAccesses } | undefined {
	const before = accessesIn(event.before);
	const after = accessesIn(event.after);
	if (!before && !after) return undefined;
	return { before: before ?? noAccess, after: after ?? noAccess };
}

function accessesIn(value: unknown): RoomAccesses | undefined {
	const object = objectOf(value);
	if (!object || !Array.isArray(object.defaultAccesses)) return undefined;
	const lists = (field: unknown) => (objectOf(field) ?? {}) as Record<string, string[]>;
	return {
		defaultAccesses: object.defaultAccesses as string[],
		groupsAccesses: lists(object.groupsAccesses),
		usersAccesses: lists(object.usersAccesses)
	};
}

/**
 * One line per row that changed, in the words of the editor's review list (rowChangeLabels); a
 * side without the row is null, "not there", as on every other line.
 */
function accessLines(before: RoomAccesses, after: RoomAccesses, names: Names): ChangeLine[] {
	return rowDifferences(before, after).map((difference): ChangeLine => {
		const [listBefore, listAfter] = [
			listOf(before, difference.principal),
			listOf(after, difference.principal)
		];
		const words = rowChangeLabels(difference);
		return {
			subject: principalLabel(difference.principal, names),
			field: 'Access',
			before: difference.before ? words.before : null,
			after: difference.after ? words.after : null,
			scopes: {
				before: listBefore ? scopesText(listBefore) : null,
				after: listAfter ? scopesText(listAfter) : null
			}
		};
	});
}

function fieldLines(event: AuditEventContent, names: Names): ChangeLine[] {
	const before = objectOf(event.before) ?? {};
	const after = objectOf(event.after) ?? {};
	const keys = [...new Set([...Object.keys(after), ...Object.keys(before)])].filter(
		(key) => !hiddenKeys.has(key)
	);
	return keys.flatMap((key): ChangeLine[] => {
		if (key === 'metadata') return metadataLines(before.metadata, after.metadata);
		const was = Object.hasOwn(before, key) ? valueText(key, before[key], names) : null;
		const now = Object.hasOwn(after, key) ? valueText(key, after[key], names) : null;
		if (was === now) return [];
		const line: ChangeLine = { field: fieldLabels[key] ?? sentenceCase(key), before: was, after: now };
		if (key === 'change') {
			line.scopes = { before: changeScopes(before.change, names), after: changeScopes(after.change, names) };
		}
		return [line];
	});
}

function metadataLines(before: unknown, after: unknown): ChangeLine[] {
	const was = objectOf(before) ?? {};
	const now = objectOf(after) ?? {};
	return [...new Set([...Object.keys(now), ...Object.keys(was)])].flatMap((key) => {
		const [a, b] = [metadataText(was[key]), metadataText(now[key])];
		return a === b ? [] : [{ field: `Metadata ${key}`, before: a, after: b }];
	});
}

function metadataText(value: unknown): string | null {
	if (value === undefined || value === null) return null;
	return Array.isArray(value) ? value.join(', ') : String(value);
}

function valueText(key: string, value: unknown, names: Names): string | null {
	if (value === null || value === undefined || value === '') return null;
	if (key === 'groupIds' && Array.isArray(value)) {
		return value.length === 0 ? 'none' : value.map((id) => names.group(String(id))).join(', ');
	}
	if (key === 'change' && objectOf(value)) {
		const change = value as PolicyChange;
		return policyChangeLabel(change, changeSubject(change, names));
	}
	if (key === 'signIn' && objectOf(value)) {
		const { password, providers } = value as { password?: boolean; providers?: string[] };
		const ways = [...(password ? ['password'] : []), ...(providers ?? [])];
		return ways.length === 0 ? 'nothing' : ways.join(', ');
	}
	if (key === 'preset' && typeof value === 'string' && Object.hasOwn(presetLabels, value)) {
		return presetLabels[value as keyof typeof presetLabels];
	}
	if (typeof value === 'boolean') return value ? 'yes' : 'no';
	if (typeof value === 'string' || typeof value === 'number') return String(value);
	if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value.join(', ');
	return JSON.stringify(value);
}

/** The group or person a bulk change is about, by name. */
function changeSubject(change: PolicyChange, names: Names): string | undefined {
	if ('groupId' in change) return names.group(change.groupId);
	return 'userId' in change ? names.person(change.userId) : undefined;
}

/** A bulk change as Liveblocks scopes, when the event holds one. */
function changeScopes(value: unknown, names: Names): string | null {
	if (!objectOf(value)) return null;
	const change = value as PolicyChange;
	return describePolicyChange(change, changeSubject(change, names));
}

function objectOf(value: unknown): Record<string, unknown> | undefined {
	return typeof value === 'object' && value !== null && !Array.isArray(value)
		? (value as Record<string, unknown>)
		: undefined;
}

/** `roomsLeft` → `Rooms left`, for fields a newer event brings before they have a label here. */
function sentenceCase(key: string): string {
	const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
	return words.charAt(0).toUpperCase() + words.slice(1);
}
