import { createClient, type Client } from '@liveblocks/client';
import WebSocket from 'ws';

/** What a real client learns when it joins a room: refused at the door, or what getSelf() says. */
export type JoinOutcome = { refused: true } | { refused: false; canWrite: boolean; canComment: boolean };

/** Liveblocks closes the socket with this code when the token gives no access to the room. */
const noAccessCloseCode = 4001;

/**
 * A @liveblocks/client in Node for one signed-in person: it gets its ID tokens from the app's
 * endpoint with the person's session cookie, as the browser would, and talks to `liveblocksBaseUrl`.
 */
export function liveblocksClientFor(options: {
	appUrl: string;
	liveblocksBaseUrl: string;
	cookie: string;
}): Client {
	const { appUrl, liveblocksBaseUrl, cookie } = options;
	return createClient({
		authEndpoint: async (room) => {
			const response = await fetch(`${appUrl}/api/liveblocks-auth`, {
				method: 'POST',
				headers: { cookie, origin: appUrl, 'content-type': 'application/json' },
				body: JSON.stringify({ room })
			});
			return response.json();
		},
		baseUrl: liveblocksBaseUrl,
		// ws implements the browser WebSocket API the client expects.
		polyfills: { WebSocket: WebSocket as never }
	});
}

/**
 * Enters the room, waits for the server's answer and leaves again. A refusal (4001) ends the
 * client's attempts by itself (no retry); any other error, or no answer within `timeoutMs`, rejects.
 */
export async function joinOnce(client: Client, roomId: string, timeoutMs = 10_000): Promise<JoinOutcome> {
	const { room, leave } = client.enterRoom(roomId, { initialPresence: {} });
	const unsubscribes: (() => void)[] = [];
	try {
		return await new Promise<JoinOutcome>((resolve, reject) => {
			const timer = setTimeout(
				() => reject(new Error(`no answer within ${timeoutMs} ms (status ${room.getStatus()})`)),
				timeoutMs
			);
			unsubscribes.push(() => clearTimeout(timer));
			// getSelf() can still be null for a moment after the status becomes connected.
			const settleIfSelf = () => {
				const self = room.getSelf();
				if (self) resolve({ refused: false, canWrite: self.canWrite, canComment: self.canComment });
			};
			// A refusal is the 4001 error and the room settling as disconnected, in either order.
			let refused = false;
			const settleIfRefused = () => {
				if (refused && room.getStatus() === 'disconnected') resolve({ refused: true });
			};
			unsubscribes.push(room.events.self.subscribe(settleIfSelf));
			unsubscribes.push(room.events.status.subscribe(settleIfRefused));
			unsubscribes.push(
				room.subscribe('error', (error) => {
					if (error.context.code !== noAccessCloseCode) return reject(error);
					refused = true;
					settleIfRefused();
				})
			);
			settleIfSelf();
		});
	} finally {
		for (const unsubscribe of unsubscribes) unsubscribe();
		leave();
	}
}
