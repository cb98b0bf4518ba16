import type { LiveblocksError, Status } from '@liveblocks/client';
import type { LiveblocksUserInfo } from '$lib/identity';
import { requestIdToken } from './id-token';
import type { LiveRoomHandle, Presence } from './live-types';

export type SelfView = {
	connectionId: number;
	id: string;
	info: LiveblocksUserInfo;
	canWrite: boolean;
	canComment: boolean;
	presence: Presence;
};

/** Who said no: Liveblocks at the room's door (4001), or Gatehouse's own ID-token endpoint. */
export type Refusal = { by: 'room' } | { by: 'endpoint'; status: number; message: string };

/**
 * What the page shows as the connection's state: `refused` and `waiting` (too many joins, a new
 * try is due) stand in for Liveblocks' `disconnected` when the endpoint said why.
 */
export type ConnectionView = Exclude<Status, 'initial'> | 'refused' | 'waiting';

/** Liveblocks closes a connection with 4001 when the room's accesses give this person nothing. */
const noAccessCode = 4001;

/**
 * The connection's status, the reason for a refusal, other problems, and `room.getSelf()`. When
 * the endpoint says the person joined too often, it waits as long as the endpoint says, then calls
 * `retry` (a new connection).
 */
export class ConnectionState {
	status = $state<Status>('initial');
	refusal = $state<Refusal | null>(null);
	problem = $state<string | null>(null);
	/** When a new try is due after a 429, in ms since the epoch; null when not waiting. */
	waitingUntil = $state<number | null>(null);
	self = $state.raw<SelfView | null>(null);
	readonly #retry: () => void;
	#retryTimer: ReturnType<typeof setTimeout> | undefined;

	constructor(retry: () => void) {
		this.#retry = retry;
	}

	get view(): ConnectionView {
		if (this.refusal && this.status !== 'connected') return 'refused';
		if (this.waitingUntil && this.status !== 'connected') return 'waiting';
		return this.status === 'initial' ? 'connecting' : this.status;
	}

	/** The `authEndpoint` callback for `createClient`. */
	authenticate = (roomId?: string) =>
		requestIdToken(roomId, {
			refused: ({ status, message }) => (this.refusal = { by: 'endpoint', status, message }),
			limited: (seconds) => this.#retryIn(seconds),
			trouble: (message) => (this.problem = message)
		});

	#retryIn(seconds: number) {
		clearTimeout(this.#retryTimer);
		this.waitingUntil = Date.now() + seconds * 1_000;
		this.#retryTimer = setTimeout(() => this.#retry(), seconds * 1_000);
	}

	watch(room: LiveRoomHandle): () => void {
		const readSelf = () => {
			const self = room.getSelf();
			this.self = self && {
				connectionId: self.connectionId,
				id: self.id,
				info: self.info,
				canWrite: self.canWrite,
				canComment: self.canComment,
				presence: self.presence
			};
		};
		const stops = [
			room.subscribe('status', (status) => {
				this.status = status;
				if (status === 'connected') this.forget();
				readSelf();
			}),
			// getSelf() can still be null just after 'connected'; this fires once it is known, and on
			// every change of one's own presence.
			room.events.self.subscribe(readSelf),
			room.subscribe('error', (error: LiveblocksError) => {
				if (error.context.code === noAccessCode) this.refusal = { by: 'room' };
				// The endpoint's refusal or 429 was recorded with its reason while asking for the token.
				else if (!this.refusal && !this.waitingUntil) this.problem = error.message;
			})
		];
		return () => {
			stops.forEach((stop) => stop());
			clearTimeout(this.#retryTimer);
		};
	}

	/** Before a new connection: whatever the last one said no longer holds. */
	forget() {
		this.refusal = null;
		this.problem = null;
		this.waitingUntil = null;
		clearTimeout(this.#retryTimer);
	}
}
