import { describe, expect, it } from 'vitest';
import { LiveblocksUnavailable, RoomNotFound } from '../../liveblocks';
import { RoomWriteBusy } from '../write-claim';
import { isRetryable } from './retry';

describe('isRetryable', () => {
	it('retries rate limits, server errors and unanswered calls, nothing else', () => {
		for (const status of [429, 500, 502, 503])
			expect(isRetryable(new LiveblocksUnavailable(status, false, null))).toBe(true);
		for (const status of [400, 403, 409, 422])
			expect(isRetryable(new LiveblocksUnavailable(status, false, null))).toBe(false);
		expect(isRetryable(new LiveblocksUnavailable(undefined, false, null))).toBe(true);
		expect(isRetryable(new LiveblocksUnavailable(undefined, true, null))).toBe(true);
		expect(isRetryable(new RoomNotFound('room-1'))).toBe(false);
		expect(isRetryable(new Error('database is down'))).toBe(false);
	});

	it('retries a room another writer kept claimed longer than the worker waited', () => {
		expect(isRetryable(new RoomWriteBusy('room-1'))).toBe(true);
	});
});
