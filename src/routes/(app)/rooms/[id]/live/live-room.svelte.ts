import { createClient, LiveList } from '@liveblocks/client';
import { ConnectionState } from './connection.svelte';
import type { Note, Presence, Storage, UserMeta } from './live-types';
import { NotesStorage } from './notes.svelte';
import { PeoplePresence } from './presence.svelte';

/**
 * Joins one room through the app's own ID-token endpoint, as the signed-in person, with presence
 * (a cursor) and storage (a list of notes). Each part keeps its own state for the page. The room
 * has a client of its own: the client would reuse its ID token in every room it enters, and the
 * endpoint makes each token for the organization of the room it is asked for.
 */
export class LiveRoom {
	// After a 429 the connection waits, then opens a new one as the Reconnect button would.
	readonly connection = new ConnectionState(() => this.reconnect());
	readonly people = new PeoplePresence();
	readonly notes = new NotesStorage();
	readonly #reconnect: () => void;
	readonly #leave: () => void;

	constructor(roomId: string, liveblocksBaseUrl: string | null) {
		const client = createClient<UserMeta>({
			authEndpoint: this.connection.authenticate,
			...(liveblocksBaseUrl ? { baseUrl: liveblocksBaseUrl } : {})
		});
		const { room, leave } = client.enterRoom<Presence, Storage>(roomId, {
			initialPresence: { cursor: null },
			initialStorage: { notes: new LiveList<Note>([]) }
		});
		const stops = [this.connection.watch(room), this.people.watch(room), this.notes.watch(room)];
		this.#reconnect = () => {
			this.connection.forget();
			// A fresh ID token as well as a fresh socket, so group and profile changes arrive together
			// with the room's access changes. logout() drops the cached token and reconnects a live room;
			// a refused (disconnected) one needs asking.
			client.logout();
			const status = room.getStatus();
			if (status === 'disconnected' || status === 'initial') room.reconnect();
		};
		this.#leave = () => {
			stops.forEach((stop) => stop());
			leave();
		};
	}

	/** Access changes apply only to new connections: this opens one. */
	reconnect() {
		this.#reconnect();
	}

	leave() {
		this.#leave();
	}
}
