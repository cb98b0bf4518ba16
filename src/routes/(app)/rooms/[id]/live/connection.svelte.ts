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

/** What the page shows as the connection's state; `refused` stands in for Liveblocks' `disconnected` when there was a refusal. */
export type ConnectionView = Exclude<Status, 'initial'> | 'refused';

/** Liveblocks closes a connection with 4001 when the room's accesses give this person nothing. */
const noAccessCode = 4001;

/** The connection's status, the reason for a refusal, other problems, and `room.getSelf()`. */
export class ConnectionState {
	status = $state<Status>('initial');
	refusal = $state<Refusal | null>(null);
	problem = $state<string | null>(null);
	self = $state.raw<SelfView | null>(null);

	get view(): ConnectionView {
		if (this.refusal && this.status !== 'connected') return 'refused';
		return this.status === 'initial' ? 'connecting' : this.status;
	}

	/** The `authEndpoint` callback for `createClient`. */
	authenticate = (roomId?: string) =>
		requestIdToken(roomId, {
			refused: ({ status, message }) => (this.refusal = { by: 'endpoint', status, message }),
			trouble: (message) => (this.problem = message)
		});

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
				if (status === 'connected') {
					this.refusal = null;
					this.problem = null;
				}
				readSelf();
			}),
			// getSelf() can still be null just after 'connected'; this fires once it is known, and on
			// every change of one's own presence.
			room.events.self.subscribe(readSelf),
			room.subscribe('error', (error: LiveblocksError) => {
				if (error.context.code === noAccessCode) this.refusal = { by: 'room' };
				// The endpoint's refusal was recorded with its reason while asking for the token.
				else if (!this.refusal) this.problem = error.message;
			})
		];
		return () => stops.forEach((stop) => stop());
	}

	/** Before a new connection: whatever the last one said no longer holds. */
	forget() {
		this.refusal = null;
		this.problem = null;
	}
}
