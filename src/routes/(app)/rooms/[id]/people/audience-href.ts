import { resolve } from '$app/paths';
import type { ResolvedPathname } from '$app/types';
import { audienceSearch, type AudienceQuery } from '$lib/rooms/audience-query';

/** A link to a room's "People with access" in the state `query` describes. */
export function audienceHref(roomId: string, query: Partial<AudienceQuery>): ResolvedPathname {
	const path = resolve('/(app)/rooms/[id]/people', { id: roomId });
	const search = audienceSearch(query);
	return (search ? `${path}?${search}` : path) as ResolvedPathname;
}
