import { connect, createServer, type Server, type Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * What the database looks like through the proxy:
 * - `forward`: bytes pass both ways, as if the app talked to PostgreSQL directly;
 * - `stopped`: nothing listens (connections are refused) and open connections are cut, as when
 *   the server is shut down;
 * - `hung`: connections are accepted and bytes are held, so nothing is ever answered, as with a
 *   frozen server or a network that drops packets. Held bytes flow again on `forward`.
 */
export type DatabaseState = 'forward' | 'stopped' | 'hung';

/**
 * The database test double: a TCP proxy in front of the real PostgreSQL (given by its connection
 * URL) that the app under test connects through, while migrations and seeding use the direct URL.
 * It never speaks the protocol; it only forwards, delays, holds or refuses bytes.
 */
export async function startPostgresFaultProxy(databaseUrl: string) {
	const target = new URL(databaseUrl);
	const sockets = new Set<Socket>();
	let state: DatabaseState = 'forward';
	let delayMs = 0;
	let release = () => {};
	let released = new Promise<void>((resolve) => (release = resolve));
	let server: Server | undefined;
	let port = 0;

	const flowing = () => (state === 'hung' ? released : Promise.resolve());

	// Bytes of one direction pass in order; each waits out the delay and any hang before it.
	function relay(from: Socket, to: Socket) {
		let queue = Promise.resolve();
		from.on('data', (chunk) => {
			queue = queue.then(async () => {
				if (delayMs > 0) await sleep(delayMs);
				await flowing();
				if (!to.destroyed) to.write(chunk);
			});
		});
		from.on('end', () => void queue.then(() => to.end()));
	}

	function accept(client: Socket) {
		const upstream = connect(Number(target.port || 5432), target.hostname);
		for (const socket of [client, upstream]) {
			sockets.add(socket);
			socket.on('close', () => {
				sockets.delete(socket);
				client.destroy();
				upstream.destroy();
			});
			socket.on('error', () => socket.destroy());
		}
		relay(client, upstream);
		relay(upstream, client);
	}

	async function listen() {
		server = createServer(accept);
		await new Promise<void>((resolve, reject) => {
			server!.once('error', reject);
			server!.listen(port, '127.0.0.1', () => resolve());
		});
		port = (server.address() as { port: number }).port;
	}

	async function stopListening() {
		const closing = server;
		server = undefined;
		for (const socket of sockets) socket.destroy();
		if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
	}

	await listen();
	const proxied = new URL(databaseUrl);
	proxied.hostname = '127.0.0.1';
	proxied.port = String(port);

	return {
		/** DATABASE_URL for the app: the same database, through the proxy. */
		url: proxied.toString(),
		/** Changes what the database looks like; `forward` also releases held bytes. */
		async set(next: DatabaseState) {
			if (next === state) return;
			if (next === 'stopped') await stopListening();
			if (state === 'stopped') await listen();
			if (state === 'hung') {
				release();
				released = new Promise<void>((resolve) => (release = resolve));
			}
			state = next;
		},
		/** Holds every chunk `ms` before passing it on (0 for none): a slow database or network. */
		slowDown(ms: number) {
			delayMs = ms;
		},
		async close() {
			release();
			await stopListening();
		}
	};
}

export type PostgresFaultProxy = Awaited<ReturnType<typeof startPostgresFaultProxy>>;
