import type { DbOrTx } from '../transaction';

export type GroupChoice = { id: string; name: string };

/**
 * Every group by name, for the people list's group filter and bulk-action picker: id and name
 * only, read on the (name, id) index, so 2,000 groups are a few kilobytes and milliseconds.
 */
export function groupChoices(db: DbOrTx): Promise<GroupChoice[]> {
	return db.group.findMany({ select: { id: true, name: true }, orderBy: [{ name: 'asc' }, { id: 'asc' }] });
}
