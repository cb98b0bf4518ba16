import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { liveblocks } from '$lib/server/liveblocks/client';
import { syncProblem, syncRooms } from '$lib/server/rooms/mirror';
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
				const problem = syncProblem(error);
				// The answer is already streaming, so Gatehouse's own fault is logged here, not thrown.
				if (!problem) console.error('Room sync failed', error);
				send({ problem: problem ?? 'The sync stopped on an unexpected error. Nothing was removed.' });
			}
			controller.close();
		}
	});
	return new Response(stream, {
		headers: { 'content-type': 'application/x-ndjson', 'cache-control': 'no-store' }
	});
};
