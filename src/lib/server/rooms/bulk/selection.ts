// Which rooms a bulk change covers: fixed once, from the rooms ticked on the list or from its filter.
import { countNoun } from '$lib/count-noun';
import { Prisma } from '../../prisma/client';
import type { DbOrTx } from '../../transaction';
import { roomFilterSql } from '../list';

/** A job covers at most this many rooms (one row each; the preview reads their index rows). */
export const maxRoomsPerJob = 5_000;

export type RoomSelection =
	{ kind: 'rooms'; roomIds: string[] } | { kind: 'filter'; search: string; organizationId: string };

export class SelectionTooLarge extends Error {
	constructor(readonly count: number) {
		super(`The selection has ${count} rooms; a bulk change covers at most ${maxRoomsPerJob}.`);
	}
}

/**
 * The rooms' ids, sorted, as the index has them now. Ticked rooms the index no longer has (deleted
 * meanwhile) are left out; a filter selects what it matches at this moment.
 */
export async function resolveSelection(db: DbOrTx, selection: RoomSelection): Promise<string[]> {
	const where =
		selection.kind === 'rooms'
			? Prisma.sql`id IN (${Prisma.join(selection.roomIds.length > 0 ? selection.roomIds : [''])})`
			: roomFilterSql(selection);
	const rows = await db.$queryRaw<{ id: string }[]>`
		SELECT id FROM "Room" WHERE ${where} ORDER BY id LIMIT ${maxRoomsPerJob + 1}`;
	if (rows.length > maxRoomsPerJob) {
		const [{ count }] = await db.$queryRaw<[{ count: bigint }]>`SELECT count(*) FROM "Room" WHERE ${where}`;
		throw new SelectionTooLarge(Number(count));
	}
	return rows.map((row) => row.id);
}

/** The selection in words, kept with the job. */
export function describeSelection(selection: RoomSelection, count: number): string {
	const rooms = countNoun(count, 'room');
	if (selection.kind === 'rooms') return `${rooms} chosen`;
	const parts = [
		selection.search ? `search “${selection.search}”` : null,
		selection.organizationId ? `organization ${selection.organizationId}` : null
	].filter((part) => part !== null);
	return parts.length > 0 ? `${rooms} matching ${parts.join(', ')}` : `all ${rooms} in the index`;
}
