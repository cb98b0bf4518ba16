import { createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/** A request as the proxy saw it, with its body as text ('' for none). */
export type ProxiedRequest = { method: string; path: string; body: string };

export type Fault = {
	matches: (request: ProxiedRequest) => boolean;
	/** The status answered instead of forwarding. */
	status: number;
	/** How many matching requests get it; Infinity until cleared. */
	times: number;
	/** The request reaches Liveblocks first and its answer is lost: the write happens, the caller hears `status`. */
	lostAnswer?: boolean;
	/** No answer ever comes (after the request reached Liveblocks, with `lostAnswer`); `status` is unused. */
	hang?: boolean;
};

/**
 * The one test double the bulk tests use: an HTTP proxy in front of the real Liveblocks dev server
 * that forwards every request unchanged, except those a fault matches, which it answers itself
 * with an error (and never forwards). It records what it forwarded (bodies too), and can slow each request
 * down to let a test act between them.
 */
export async function startFaultProxy(target: string) {
	const faults: Fault[] = [];
	const forwarded: ProxiedRequest[] = [];
	const failed: (ProxiedRequest & { status: number })[] = [];
	let delayMs = 0;
	let inFlight = 0;
	let maxInFlight = 0;

	const server = createServer(async (incoming, outgoing) => {
		inFlight++;
		maxInFlight = Math.max(maxInFlight, inFlight);
		try {
			const body = Buffer.concat(await incoming.toArray());
			const seen: ProxiedRequest = {
				method: incoming.method ?? 'GET',
				path: incoming.url ?? '/',
				body: body.toString('utf8')
			};
			if (delayMs > 0) await sleep(delayMs);
			const fault = faults.find((candidate) => candidate.times > 0 && candidate.matches(seen));
			if (fault) {
				fault.times--;
				failed.push({ ...seen, status: fault.status });
				if (fault.lostAnswer) {
					forwarded.push(seen);
					(await forward(target, incoming, body)).resume();
				}
				if (fault.hang) return;
				outgoing.writeHead(fault.status, { 'content-type': 'application/json' });
				outgoing.end(JSON.stringify({ error: 'INJECTED', message: `Injected ${fault.status}` }));
				return;
			}
			forwarded.push(seen);
			const answer = await forward(target, incoming, body);
			outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
			answer.pipe(outgoing);
			await new Promise((resolve) => answer.on('end', resolve));
		} catch (error) {
			outgoing.writeHead(502).end(String(error));
		} finally {
			inFlight--;
		}
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;

	return {
		url: `http://127.0.0.1:${port}`,
		forwarded,
		failed,
		get maxInFlight() {
			return maxInFlight;
		},
		inject(fault: Fault) {
			faults.push(fault);
		},
		clearFaults() {
			faults.length = 0;
		},
		slowDown(ms: number) {
			delayMs = ms;
		},
		/** Stops listening, as a stopped server would: connections are refused until `restart`. */
		stop: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
		restart: () => new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve)),
		/** Forgets faults, delay and what was seen, for the next test. */
		reset() {
			faults.length = 0;
			forwarded.length = 0;
			failed.length = 0;
			delayMs = 0;
			maxInFlight = 0;
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			})
	};
}

export type FaultProxy = Awaited<ReturnType<typeof startFaultProxy>>;

function forward(target: string, incoming: IncomingMessage, body: Buffer): Promise<IncomingMessage> {
	const url = new URL(incoming.url ?? '/', target);
	return new Promise((resolve, reject) => {
		const outgoing = request(
			url,
			{ method: incoming.method, headers: { ...incoming.headers, host: url.host } },
			resolve
		);
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}

/** updateRoom is POST /v2/rooms/{id}; getRoom is GET on the same path. */
export const isUpdateOf = (roomId?: string) => (request: ProxiedRequest) =>
	request.method === 'POST' &&
	(roomId === undefined
		? /^\/v2\/rooms\/[^/]+$/.test(request.path)
		: request.path === `/v2/rooms/${encodeURIComponent(roomId)}`);
