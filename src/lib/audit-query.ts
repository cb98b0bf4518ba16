import { auditTargetTypes, isAuditAction, type AuditAction, type AuditTargetType } from './audit-actions';

/**
 * The audit log's filters as they live in the URL (`/audit?target=room:design-review&action=...`),
 * shared by the page, its CSV export and the History links of person, group and room pages.
 * Times are UTC, written `2026-12-01` (a whole day) or `2026-12-01T18:14` (a minute).
 */

export type AuditTarget = { type: AuditTargetType; id: string };

export type AuditFilter = {
	/** A person's id: what they did. */
	actor: string | null;
	/** Events about this person, group or room (or bulk job). */
	target: AuditTarget | null;
	action: AuditAction | null;
	/** From the start of this day or minute, until the end of that one, both included. */
	from: string | null;
	to: string | null;
};

export type AuditQuery = AuditFilter & {
	/** Opaque keyset cursors from the list: the page after or before that event. */
	after: string | null;
	before: string | null;
};

export const emptyAuditQuery: AuditQuery = {
	actor: null,
	target: null,
	action: null,
	from: null,
	to: null,
	after: null,
	before: null
};

export const auditPageSize = 50;

const timePattern = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}))?$/;
const cursorPattern = /^[\w-]{1,200}$/;
const maxIdLength = 200;

export function targetParam(target: AuditTarget): string {
	return `${target.type}:${target.id}`;
}

/** `room:a:b` is the room `a:b`: a type never holds a colon, an id may. */
export function parseTarget(value: string): AuditTarget | null {
	const colon = value.indexOf(':');
	const type = value.slice(0, colon);
	const id = value.slice(colon + 1);
	if (colon < 0 || id === '' || id.length > maxIdLength) return null;
	return (auditTargetTypes as readonly string[]).includes(type)
		? { type: type as AuditTargetType, id }
		: null;
}

/** The instant a `from` or `to` value starts at, and the one just after its day or minute; null when it is no time. */
export function timeSpan(value: string): { start: Date; end: Date } | null {
	const match = timePattern.exec(value);
	if (!match) return null;
	const [year, month, day, hour, minute] = match
		.slice(1)
		.map((part) => (part === undefined ? undefined : Number(part)));
	const start = new Date(Date.UTC(year!, month! - 1, day!, hour ?? 0, minute ?? 0));
	// Date.UTC rolls 2026-02-30 over to March: such a date does not exist.
	const exact =
		start.getUTCFullYear() === year &&
		start.getUTCMonth() === month! - 1 &&
		start.getUTCDate() === day &&
		(hour === undefined || (hour < 24 && minute! < 60));
	if (!exact) return null;
	const end = new Date(start);
	if (hour === undefined) end.setUTCDate(end.getUTCDate() + 1);
	else end.setUTCMinutes(end.getUTCMinutes() + 1);
	// The end of 9999-12-31 is in year 10000, which toISOString writes `+010000-…`: PostgreSQL cannot read that.
	return end.getUTCFullYear() > 9999 ? null : { start, end };
}

/** The filter's times as a half-open range [since, until). Only call it on a query without problems. */
export function timeRange(filter: Pick<AuditFilter, 'from' | 'to'>): { since?: Date; until?: Date } {
	return {
		since: filter.from ? timeSpan(filter.from)?.start : undefined,
		until: filter.to ? timeSpan(filter.to)?.end : undefined
	};
}

/**
 * Reads the log's state from a URL. A filter it cannot read is a problem to show, not something to
 * drop silently: a log filtered less than asked would mislead. A bad cursor starts from the top.
 */
export function parseAuditQuery(params: URLSearchParams): { query: AuditQuery; problems: string[] } {
	const problems: string[] = [];
	const text = (key: string) => params.get(key)?.trim() || null;

	const actor = text('actor');
	if (actor && actor.length > maxIdLength) problems.push('The actor is not a person’s id.');

	const targetValue = text('target');
	const target = targetValue ? parseTarget(targetValue) : null;
	if (targetValue && !target) {
		problems.push(
			`“${targetValue}” is not something the log is about: use person:<id>, group:<id> or room:<id>.`
		);
	}

	const actionValue = text('action');
	const action = actionValue && isAuditAction(actionValue) ? actionValue : null;
	if (actionValue && !action) problems.push(`The log records no action called “${actionValue}”.`);

	const times = { from: text('from'), to: text('to') };
	for (const [key, value] of Object.entries(times)) {
		if (value && !timeSpan(value)) {
			problems.push(`“${value}” is not a ${key} time: write 2026-12-01 or 2026-12-01T18:14 (UTC).`);
		}
	}
	const { since, until } = problems.length === 0 ? timeRange(times) : {};
	if (since && until && since >= until) problems.push('The time range ends before it starts.');

	const cursor = (key: string) => {
		const value = text(key);
		return value && cursorPattern.test(value) ? value : null;
	};
	const after = cursor('after');
	const before = after ? null : cursor('before');
	return { query: { actor, target, action, ...times, after, before }, problems };
}

export function isAuditFiltered(filter: AuditFilter): boolean {
	return Boolean(filter.actor || filter.target || filter.action || filter.from || filter.to);
}

/** Search params for `query`, leaving out what is not set; '' for the whole log. */
export function auditSearch(query: Partial<AuditQuery>): string {
	const params = new URLSearchParams();
	const set = (key: string, value: string | null | undefined) => {
		if (value) params.set(key, value);
	};
	set('actor', query.actor);
	set('target', query.target ? targetParam(query.target) : null);
	set('action', query.action);
	set('from', query.from);
	set('to', query.to);
	set('after', query.after);
	set('before', query.before);
	return params.toString();
}
