import { describe, expect, it } from 'vitest';
import { backoffDelay } from './retry';

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
