import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import { peopleSearch, type PeopleQuery } from '$lib/people-query';

/** A link to the people list in the state `query` describes (defaults left out of the URL). */
export function peopleHref(query: Partial<PeopleQuery>): ResolvedPathname {
	const search = peopleSearch(query);
	return search ? resolve(`/people?${search}`) : resolve('/people');
}
