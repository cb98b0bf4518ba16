import { describe, expect, it } from 'vitest';
import { readJsonLines } from './sync-events';

function streamOf(...chunks: string[]) {
	const encoder = new TextEncoder();
	return new ReadableStream<Uint8Array>({
		start(controller) {
			for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
			controller.close();
		}
	});
}

describe('readJsonLines', () => {
	it('yields each line once complete, even when split across chunks', async () => {
		const events: unknown[] = [];
		await readJsonLines(
			streamOf('{"synced":1', '00}\n{"synced":2', '00}\n', '{"done":{"synced":200,"removed":0}}'),
			(event) => events.push(event)
		);
		expect(events).toEqual([{ synced: 100 }, { synced: 200 }, { done: { synced: 200, removed: 0 } }]);
	});
});
