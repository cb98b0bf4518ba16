import { z } from 'zod';
import { roles, type Role } from '$lib/roles';
import { personStatuses } from '$lib/schemas/person';

/**
 * The people list's state as it lives in the URL, so a filtered, sorted page can be bookmarked
 * and shared. Shared by the list, its bulk actions and the CSV export ("export what I see").
 */

export const peopleSorts = ['name', 'email', 'created'] as const;
export const sortDirections = ['asc', 'desc'] as const;
export const pageSizes = [25, 50, 100] as const;

export type PeopleSort = (typeof peopleSorts)[number];
export type SortDirection = (typeof sortDirections)[number];
export type PageSize = (typeof pageSizes)[number];
export type PersonStatus = (typeof personStatuses)[number];

/** Which people: what "all N matching" and the export select. */
export type PeopleFilter = {
	/** Case-insensitive part of the name or the email (see isShortSearch); '' for everyone. */
	q: string;
	role: Role | null;
	status: PersonStatus | null;
	/** A group id: only that group's members. */
	group: string | null;
};

export type PeopleQuery = PeopleFilter & {
	sort: PeopleSort;
	dir: SortDirection;
	size: PageSize;
	/** Opaque keyset cursors from the list: the page after or before that row. */
	after: string | null;
	before: string | null;
};

export const defaultPeopleQuery: PeopleQuery = {
	q: '',
	role: null,
	status: null,
	group: null,
	sort: 'name',
	dir: 'asc',
	size: 50,
	after: null,
	before: null
};

const maxSearchLength = 100;

// Each field falls back on its own: a bad `role` must not throw away a good search.
const text = (max: number) =>
	z
		.string()
		.trim()
		.transform((value) => value.slice(0, max))
		.catch('');
const optionalText = (max: number) => text(max).transform((value) => value || null);
const cursor = z
	.string()
	.regex(/^[\w-]{1,2000}$/)
	.nullable()
	.catch(null);

const searchParamsSchema = z.object({
	q: text(maxSearchLength),
	role: z.enum(roles).nullable().catch(null),
	status: z.enum(personStatuses).nullable().catch(null),
	group: optionalText(200),
	sort: z.enum(peopleSorts).catch(defaultPeopleQuery.sort),
	dir: z.enum(sortDirections).catch(defaultPeopleQuery.dir),
	size: z.coerce.number().pipe(z.literal(pageSizes)).catch(defaultPeopleQuery.size),
	after: cursor,
	before: cursor
});

/**
 * Reads the list's state from a URL's search params. Never throws: a missing or invalid value
 * takes its default, so a hand-edited or stale link still shows a page.
 */
export function parsePeopleQuery(params: URLSearchParams): PeopleQuery {
	const raw = Object.fromEntries(
		Object.keys(defaultPeopleQuery).map((key) => [key, params.get(key) ?? undefined])
	);
	const query = searchParamsSchema.parse(raw);
	// Both cursors make no sense together; `after` is the one a Next link carries.
	return query.after ? { ...query, before: null } : query;
}

/**
 * A search of 1 or 2 characters with a letter or digit in it matches the start of a word of the
 * name (words split at spaces and hyphens) or the start of the email, not anywhere: "ng" finds
 * "Ng Wei", "Anne-Ngozi Obi" and "ng.wei@…" but not "Jung". Anywhere would match most of the
 * directory and no index can find it (docs/decisions/023-people-list-outliers.md).
 * Longer searches, and short ones of punctuation only, match anywhere.
 */
export function isShortSearch(q: string): boolean {
	return [...q].length <= 2 && /[\p{L}\p{N}]/u.test(q);
}

/** The line under a search of people, saying what the text typed so far matches. */
export function peopleSearchHint(typed: string): string {
	return isShortSearch(typed.trim())
		? '1 or 2 characters find the start of a word of a name, or of an email'
		: 'Part of a name or email; 1 or 2 characters find word starts';
}

/**
 * Counts of a filtered list stop here: more matches show as "more than 1,000". Counting
 * everyone in a large group who is also active, say, costs a join over the whole directory.
 */
export const matchingCountLimit = 1000;

/** How many people match: exact, or at least `count` when `more`. */
export type MatchingCount = { count: number; more: boolean };

/** The filter part of a query: which people, regardless of order and page. */
export function filterOf({ q, role, status, group }: PeopleFilter): PeopleFilter {
	return { q, role, status, group };
}

export function isFiltered(filter: PeopleFilter): boolean {
	return filter.q !== '' || filter.role !== null || filter.status !== null || filter.group !== null;
}

/** Search params for `query`, leaving out defaults so links stay short; '' for the default list. */
export function peopleSearch(query: Partial<PeopleQuery>): string {
	const params = new URLSearchParams();
	for (const key of Object.keys(defaultPeopleQuery) as (keyof PeopleQuery)[]) {
		const value = query[key];
		if (value !== undefined && value !== null && value !== '' && value !== defaultPeopleQuery[key]) {
			params.set(key, String(value));
		}
	}
	return params.toString();
}

/** The first page of `query` sorted by `sort`: the same column again flips the direction. */
export function sortedBy(query: PeopleQuery, sort: PeopleSort): PeopleQuery {
	// Newest first is what one wants from "created"; names and emails read A to Z.
	const firstDirection: SortDirection = sort === 'created' ? 'desc' : 'asc';
	const dir = query.sort === sort ? (query.dir === 'asc' ? 'desc' : 'asc') : firstDirection;
	return { ...query, sort, dir, after: null, before: null };
}
