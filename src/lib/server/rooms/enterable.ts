// What a person or a group can get into, from the room index: the RoomGrant rows (kept by a
// database trigger) find the rooms, the access model's resolver says what each one allows.
import { resolveEffectiveAccess, scopesToRow, type AccessRow, type EffectiveAccess } from '$lib/access';
import type { LiveblocksIdentity } from '$lib/identity';
import type { DbOrTx } from '../transaction';
import {
	countRooms,
	listIndexedRooms,
	type RoomListItem,
	type RoomListOptions,
	type RoomListPage
} from './list';

/** Who asks: as the ID token names them. */
export type TokenHolder = Pick<LiveblocksIdentity, 'userId' | 'groupIds'>;
export type EnterableRoom = RoomListItem & { access: EffectiveAccess };
export type GroupRoom = RoomListItem & { row: AccessRow };
type PageOptions = Omit<RoomListOptions, 'grantedTo'>;

/** The RoomGrant principals that would let this person in: the default, their groups, themselves. */
export function principalsOf({ userId, groupIds }: TokenHolder): string[] {
	return ['*', ...groupIds.map((id) => `group:${id}`), `user:${userId}`];
}

/**
 * One page of the rooms whose default, one of the person's groups or their own entry grants a base
 * level: exactly the rooms Liveblocks would let them connect to, each with its resolved access.
 */
export async function listRoomsPersonCanEnter(
	db: DbOrTx,
	person: TokenHolder,
	options: PageOptions = {}
): Promise<RoomListPage<EnterableRoom>> {
	const page = await listIndexedRooms(db, { ...options, grantedTo: principalsOf(person) });
	return {
		...page,
		rooms: page.rooms.map(({ accesses, ...room }) => ({
			...room,
			access: resolveEffectiveAccess(accesses, person)
		}))
	};
}

export function countRoomsPersonCanEnter(
	db: DbOrTx,
	person: TokenHolder,
	filter: Pick<RoomListOptions, 'search'> = {}
): Promise<number> {
	return countRooms(db, { ...filter, grantedTo: principalsOf(person) });
}

/** One page of the rooms whose entry for this group grants a base level, with that entry's row. */
export async function listRoomsOfGroup(
	db: DbOrTx,
	groupId: string,
	options: PageOptions = {}
): Promise<RoomListPage<GroupRoom>> {
	const page = await listIndexedRooms(db, { ...options, grantedTo: [`group:${groupId}`] });
	return {
		...page,
		rooms: page.rooms.map(({ accesses, ...room }) => ({
			...room,
			row: scopesToRow(accesses.groupsAccesses[groupId] ?? [])
		}))
	};
}

export function countRoomsOfGroup(db: DbOrTx, groupId: string): Promise<number> {
	return countRooms(db, { grantedTo: [`group:${groupId}`] });
}
