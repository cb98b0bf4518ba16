import { LiveblocksError } from '@liveblocks/node';
import { describe, expect, it } from 'vitest';
import { RoomWriteBusy } from '../write-claim';
import { backoffDelay, describeFailure, isRetryable } from './retry';

/** The error @liveblocks/node throws for a response with this status. */
const failure = (status: number) =>
	LiveblocksError.from(new Response(JSON.stringify({ message: 'nope' }), { status }));

describe('isRetryable', () => {
	it('retries rate limits, server errors and unanswered calls, nothing else', async () => {
		for (const status of [429, 500, 502, 503]) expect(isRetryable(await failure(status))).toBe(true);
		for (const status of [400, 403, 404, 409, 422]) expect(isRetryable(await failure(status))).toBe(false);
		expect(isRetryable(new TypeError('fetch failed'))).toBe(true);
		expect(isRetryable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
		expect(isRetryable(new Error('database is down'))).toBe(false);
	});

	it('retries a room another writer kept claimed longer than the worker waited', () => {
		expect(isRetryable(new RoomWriteBusy('room-1'))).toBe(true);
	});
});

describe('backoffDelay', () => {
	const policy = { attempts: 6, baseDelayMs: 1_000, maxDelayMs: 8_000 };

	it('doubles from the base up to the cap, between half and all of it', () => {
		expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(policy, attempt, () => 0))).toEqual([
			500, 1_000, 2_000, 4_000, 4_000
		]);
		expect([1, 2, 3, 4, 5].map((attempt) => backoffDelay(policy, attempt, () => 1))).toEqual([
			1_000, 2_000, 4_000, 8_000, 8_000
		]);
	});
});

describe('describeFailure', () => {
	it('says what Liveblocks answered', async () => {
		expect(describeFailure(await failure(429))).toBe('Liveblocks answered 429: nope');
		expect(describeFailure(new TypeError('fetch failed', { cause: new Error('ECONNREFUSED') }))).toBe(
			'Liveblocks could not be reached: Error: ECONNREFUSED'
		);
	});
});
