// The room a token request names: `{ room }`, as @liveblocks/client posts it to a URL authEndpoint.
import { roomLimits } from '$lib/schemas/room';

const maxRoomIdLength = roomLimits.idLength;

export type TokenRequest = { roomId: string | undefined } | { problem: string };

/**
 * The room id of a token request's body. No room is no organization, so a body that is missing,
 * not JSON, or names no room asks for a token of the default organization, as the guide's
 * endpoint, which reads no body, would give. A `room` that cannot be a room id is refused: it is
 * looked up in the index (which cannot hold a NUL) and at Liveblocks.
 */
export function tokenRequestOf(body: string): TokenRequest {
	let parsed: unknown;
	try {
		parsed = JSON.parse(body);
	} catch {
		return { roomId: undefined };
	}
	const room =
		typeof parsed === 'object' && parsed !== null ? (parsed as { room?: unknown }).room : undefined;
	if (room === undefined || room === null) return { roomId: undefined };
	if (typeof room !== 'string') return { problem: 'The room must be a room id, as text.' };
	if (room.length === 0 || room.length > maxRoomIdLength || room.includes('\u0000'))
		return {
			problem: `A room id has 1 to ${maxRoomIdLength} characters and no NUL character.`
		};
	return { roomId: room };
}
