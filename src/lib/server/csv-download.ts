import { serializeCsvRecord } from '$lib/csv';

/**
 * A CSV file as a streamed download: the header row, then each batch as the client asks for more,
 * so a large export never sits in memory. Stopping the download stops the reading.
 */
export function csvDownload<Item>(
	name: string,
	columns: readonly string[],
	batches: AsyncGenerator<Item[]>,
	record: (item: Item) => readonly string[]
): Response {
	const encoder = new TextEncoder();
	const body = new ReadableStream<Uint8Array>({
		start(controller) {
			// The byte-order mark makes Excel read the file as UTF-8; the people import skips it.
			controller.enqueue(encoder.encode('\uFEFF' + serializeCsvRecord(columns)));
		},
		async pull(controller) {
			const { done, value } = await batches.next();
			if (done) controller.close();
			else controller.enqueue(encoder.encode(value.map((item) => serializeCsvRecord(record(item))).join('')));
		},
		async cancel() {
			await batches.return(undefined);
		}
	});
	const day = new Date().toISOString().slice(0, 10);
	return new Response(body, {
		headers: {
			'content-type': 'text/csv; charset=utf-8',
			'content-disposition': `attachment; filename="${name}-${day}.csv"`,
			'cache-control': 'no-store'
		}
	});
}
