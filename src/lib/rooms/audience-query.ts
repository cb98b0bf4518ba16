import { z } from 'zod';
import { audienceLevels, type AudienceLevel } from '$lib/access/audience';
import { pageSizes, type PageSize } from '$lib/people-query';

/**
 * The "People with access" list's state as it lives in the URL. Search and group mean what they
 * mean on the people list (people-query.ts); the level is a summary, in the URL as its last word.
 */
export type AudienceQuery = {
	q: string;
	level: AudienceLevel | null;
	group: string | null;
	/** When the default lets everyone in: list everyone, not only those whose access differs. */
	everyone: boolean;
	size: PageSize;
	/** Opaque keyset cursor: the page after that row, by name. */
	after: string | null;
};

/** One person of the list: what the page needs to resolve and show their access. */
export type AudienceRow = {
	id: string;
	name: string;
	email: string;
	/** The room's groups the person is in. */
	groups: string[];
};

export const defaultAudienceQuery: AudienceQuery = {
	q: '',
	level: null,
	group: null,
	everyone: false,
	size: 50,
	after: null
};

/** "edit" for "Can edit": short URLs. */
export const levelParams: Record<AudienceLevel, string> = {
	'Can edit': 'edit',
	'Can comment': 'comment',
	'Can view': 'view'
};
const levelOfParam = new Map(audienceLevels.map((level) => [levelParams[level], level]));

const text = (max: number) =>
	z
		.string()
		.trim()
		.transform((value) => value.slice(0, max))
		.catch('');

// Each field falls back on its own, as the people list's do: a stale link still shows a page.
const searchParamsSchema = z.object({
	q: text(100),
	level: text(20).transform((value) => levelOfParam.get(value) ?? null),
	group: text(200).transform((value) => value || null),
	everyone: z
		.string()
		.nullable()
		.transform((value) => value === '1')
		.catch(false),
	size: z.coerce.number().pipe(z.literal(pageSizes)).catch(defaultAudienceQuery.size),
	after: z
		.string()
		.regex(/^[\w-]{1,2000}$/)
		.nullable()
		.catch(null)
});

/** Never throws: a missing or invalid value takes its default. */
export function parseAudienceQuery(params: URLSearchParams): AudienceQuery {
	return searchParamsSchema.parse({
		q: params.get('q') ?? undefined,
		level: params.get('level') ?? undefined,
		group: params.get('group') ?? undefined,
		everyone: params.get('everyone'),
		size: params.get('size') ?? undefined,
		after: params.get('after')
	});
}

export function isAudienceFiltered(query: AudienceQuery): boolean {
	return query.q !== '' || query.level !== null || query.group !== null;
}

/** Search params for `query`, defaults left out; '' for the default list. */
export function audienceSearch(query: Partial<AudienceQuery>): string {
	const params = new URLSearchParams();
	if (query.q) params.set('q', query.q);
	if (query.level) params.set('level', levelParams[query.level]);
	if (query.group) params.set('group', query.group);
	if (query.everyone) params.set('everyone', '1');
	if (query.size && query.size !== defaultAudienceQuery.size) params.set('size', String(query.size));
	if (query.after) params.set('after', query.after);
	return params.toString();
}
