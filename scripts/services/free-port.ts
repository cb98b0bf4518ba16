import { createServer } from 'node:net';

/** A TCP port that is free on 127.0.0.1 right now (the kernel picks it; another process may still take it before use). */
export async function freePort(): Promise<number> {
	return listenBriefly(0);
}

/**
 * Throws when `port` on 127.0.0.1 is taken. Servers that are "ready" once their port answers need
 * this first: otherwise an old instance still holding the port looks like the new one.
 */
export async function assertPortFree(port: number, what: string): Promise<void> {
	try {
		await listenBriefly(port);
	} catch (error) {
		if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
		throw new Error(`Port ${port} for ${what} is already in use: is another instance still running?`, {
			cause: error
		});
	}
}

function listenBriefly(port: number): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.once('error', reject);
		server.listen({ port, host: '127.0.0.1', exclusive: true }, () => {
			const address = server.address();
			const boundPort = typeof address === 'object' && address !== null ? address.port : 0;
			server.close(() =>
				boundPort > 0 ? resolve(boundPort) : reject(new Error('Could not pick a free port'))
			);
		});
	});
}
