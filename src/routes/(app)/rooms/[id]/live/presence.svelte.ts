import { byName, personView, type PersonView } from './person-look';
import type { Cursor, LiveRoomHandle } from './live-types';

/** Everyone else in the room, from Liveblocks presence, and one's own cursor over the shared area. */
export class PeoplePresence {
	others = $state.raw<PersonView[]>([]);
	#room: LiveRoomHandle | null = null;

	watch(room: LiveRoomHandle): () => void {
		this.#room = room;
		const stop = room.subscribe('others', (others) => {
			this.others = others.map(personView).sort(byName);
		});
		return () => {
			stop();
			this.#room = null;
		};
	}

	/** Presence is not storage: read-only people share it too when the room lets them. */
	moveCursor(cursor: Cursor | null) {
		this.#room?.updatePresence({ cursor });
	}
}
