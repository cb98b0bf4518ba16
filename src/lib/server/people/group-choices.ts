import { sortByName } from '$lib/natural-sort';
import type { DbOrTx } from '../transaction';

export type GroupChoice = { id: string; name: string };

/**
 * Every group by name ("Team 2" before "Team 10"), for the people list's group filter and
 * bulk-action picker: id and name only, so 2,000 groups are a few kilobytes and milliseconds.
 */
export async function groupChoices(db: DbOrTx): Promise<GroupChoice[]> {
	return sortByName(await db.group.findMany({ select: { id: true, name: true } }));
}
