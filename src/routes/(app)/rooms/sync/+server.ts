import { LiveblocksError } from '@liveblocks/node';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { liveblocks } from '$lib/server/liveblocks';
import { syncRooms } from '$lib/server/rooms/mirror';
import type { SyncEvent } from '$lib/rooms/sync-events';
import type { RequestHandler } from './$types';

/**
 * The sync with progress, for the list page's script: one JSON line per page synced, then the
 * result. Without JavaScript the page posts to its own `sync` action and waits for the result.
 */
export const POST: RequestHandler = async (event) => {
	await requirePerson(event, ['admin']);
	const encoder = new TextEncoder();
	const stream = new ReadableStream<Uint8Array>({
		async start(controller) {
			const send = (message: SyncEvent) => controller.enqueue(encoder.encode(`${JSON.stringify(message)}\n`));
			try {
				const result = await syncRooms(db, liveblocks(), (synced) => send({ synced }));
				send({ done: result });
			} catch (error) {
				const reason = error instanceof LiveblocksError ? `${error.status} ${error.message}` : String(error);
				send({ problem: `Liveblocks did not list the rooms: ${reason}. Nothing was removed.` });
			}
			controller.close();
		}
	});
	return new Response(stream, {
		headers: { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' }
	});
};
