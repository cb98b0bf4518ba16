import { createClient, type LiveblocksError, type Status } from '@liveblocks/client';
import type { LiveblocksUserInfo } from '$lib/identity';

export type SelfView = {
	connectionId: number;
	id: string;
	info: LiveblocksUserInfo;
	canWrite: boolean;
	canComment: boolean;
};

/** Liveblocks closes a connection with 4001 when the room's accesses give this person nothing. */
const noAccessCode = 4001;

/**
 * Joins one room through the app's own ID-token endpoint, as the signed-in person, and exposes
 * what the page shows: connection status, getSelf(), refusal and errors.
 */
export class RoomPreview {
	status = $state<Status>('initial');
	self = $state<SelfView | null>(null);
	refused = $state(false);
	problem = $state<string | null>(null);
	#leave: () => void;
	#reconnect: () => void;

	constructor(roomId: string, liveblocksBaseUrl: string | null) {
		const client = createClient({
			authEndpoint: '/api/liveblocks-auth',
			...(liveblocksBaseUrl ? { baseUrl: liveblocksBaseUrl } : {})
		});
		const { room, leave } = client.enterRoom(roomId, { initialPresence: {} });
		const readSelf = () => {
			const self = room.getSelf();
			this.self = self && {
				connectionId: self.connectionId,
				id: self.id,
				info: self.info,
				canWrite: self.canWrite,
				canComment: self.canComment
			};
		};
		const stopStatus = room.subscribe('status', (status) => {
			this.status = status;
			if (status === 'connected') this.refused = false;
			readSelf();
		});
		// getSelf() can still be null just after 'connected'; this fires once it is known.
		const stopSelf = room.events.self.subscribe(readSelf);
		const stopErrors = room.subscribe('error', (error: LiveblocksError) => {
			if (error.context.code === noAccessCode) this.refused = true;
			else this.problem = error.message;
		});
		this.#reconnect = () => {
			this.problem = null;
			room.reconnect();
		};
		this.#leave = () => {
			stopStatus();
			stopSelf();
			stopErrors();
			leave();
		};
	}

	/** Access changes apply only to new connections, so this is how a person picks them up. */
	reconnect() {
		this.#reconnect();
	}

	leave() {
		this.#leave();
	}
}
