/** The lines the sync endpoint streams: progress, then either the result or the problem. */
export type SyncEvent =
	{ synced: number } | { done: { synced: number; removed: number } } | { problem: string };

/** Reads a stream of JSON lines, calling `onEvent` for each complete line as it arrives. */
export async function readJsonLines<T>(body: ReadableStream<Uint8Array>, onEvent: (event: T) => void) {
	const reader = body.getReader();
	const decoder = new TextDecoder();
	let buffered = '';
	for (;;) {
		const { value, done } = await reader.read();
		buffered += decoder.decode(value, { stream: !done });
		const lines = buffered.split('\n');
		buffered = done ? '' : (lines.pop() ?? '');
		for (const line of lines) if (line.trim()) onEvent(JSON.parse(line) as T);
		if (done) return;
	}
}
