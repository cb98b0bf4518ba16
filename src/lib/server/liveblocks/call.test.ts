import { LiveblocksError } from '@liveblocks/node';
import { describe, expect, it } from 'vitest';
import { askLiveblocks, type CallOptions } from './call';
import { LiveblocksUnavailable, RoomNotFound } from './errors';

/** The error @liveblocks/node throws for a response with this status. */
const answered = (status: number) =>
	LiveblocksError.from(new Response(JSON.stringify({ message: 'nope' }), { status }));

/** fetch's own failure when nothing answers at an address. */
const unreachable = () =>
	new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 10.0.0.7:1153') });

const quick = { retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 } };

/** A call that fails with each of `failures` in turn, then answers "ok"; it counts its tries. */
function flaky(failures: (() => Promise<unknown> | unknown)[]) {
	const call = async () => {
		call.tries++;
		const failure = failures[call.tries - 1];
		if (failure) throw await failure();
		return 'ok';
	};
	call.tries = 0;
	return call;
}

describe('askLiveblocks', () => {
	it('tries a repeatable call again after a 429, a 5xx or no answer', async () => {
		for (const failure of [() => answered(429), () => answered(503), unreachable]) {
			const call = flaky([failure, failure]);
			await expect(askLiveblocks('room', call, { repeatable: true, ...quick })).resolves.toBe('ok');
			expect(call.tries).toBe(3);
		}
	});

	it('tries a write again only after a 429, which Liveblocks sends before doing anything', async () => {
		const limited = flaky([() => answered(429)]);
		await expect(askLiveblocks('room', limited, { repeatable: false, ...quick })).resolves.toBe('ok');
		expect(limited.tries).toBe(2);

		for (const failure of [() => answered(500), unreachable]) {
			const write = flaky([failure]);
			await expect(askLiveblocks('room', write, { repeatable: false, ...quick })).rejects.toBeInstanceOf(
				LiveblocksUnavailable
			);
			expect(write.tries).toBe(1);
		}
	});

	it('gives up after the policy’s tries with the last failure', async () => {
		const call = flaky([() => answered(503), () => answered(502), () => answered(500)]);
		const failure = await askLiveblocks('room', call, { repeatable: true, ...quick }).catch((e) => e);
		expect(failure).toBeInstanceOf(LiveblocksUnavailable);
		expect(failure).toMatchObject({ status: 500, message: 'Liveblocks answered 500: nope' });
		expect(call.tries).toBe(3);
	});

	it('turns a 404 about a room into RoomNotFound, and repeats no other refusal', async () => {
		await expect(askLiveblocks('gone', flaky([() => answered(404)]), { repeatable: true })).rejects.toEqual(
			new RoomNotFound('gone')
		);
		const refused = flaky([() => answered(403)]);
		await expect(askLiveblocks('room', refused, { repeatable: true, ...quick })).rejects.toMatchObject({
			status: 403
		});
		expect(refused.tries).toBe(1);
	});

	it('ends a call that does not answer at its deadline, retries included, and says so', async () => {
		const hang = ({ signal }: CallOptions) =>
			new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason)));
		const started = Date.now();
		const failure = await askLiveblocks('room', hang, { repeatable: true, timeoutMs: 200 }).catch((e) => e);
		expect(Date.now() - started).toBeLessThan(1_000);
		expect(failure).toBeInstanceOf(LiveblocksUnavailable);
		expect(failure).toMatchObject({
			status: undefined,
			timedOut: true,
			message: 'Liveblocks did not answer in time'
		});
	});

	it('knows a refused connection never reached Liveblocks, unlike a reset or a timeout', async () => {
		const refused = () =>
			new TypeError('fetch failed', {
				cause: Object.assign(new Error('connect ECONNREFUSED 10.0.0.7:1153'), { code: 'ECONNREFUSED' })
			});
		const reset = () =>
			new TypeError('fetch failed', {
				cause: Object.assign(new Error('other side closed'), { code: 'ECONNRESET' })
			});
		const failureOf = (fail: () => unknown) =>
			askLiveblocks('room', flaky([fail]), { repeatable: false }).catch((e) => e);
		expect((await failureOf(refused)).neverArrived).toBe(true);
		expect((await failureOf(reset)).neverArrived).toBe(false);
		expect((await failureOf(() => answered(500))).neverArrived).toBe(false);
	});

	it('never puts Liveblocks’ address or the network error in its message', async () => {
		const failure = await askLiveblocks('room', flaky([unreachable]), { repeatable: false }).catch((e) => e);
		expect(failure.message).toBe('Liveblocks could not be reached');
	});

	it('lets a fault of Gatehouse’s own through as it is', async () => {
		const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
		await expect(askLiveblocks('room', flaky([() => bug]), { repeatable: true })).rejects.toBe(bug);
	});
});
