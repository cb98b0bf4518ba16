import http from 'node:http';

export interface HttpPoster {
	/** Sends one POST and resolves with the status once the whole response has arrived. */
	post(headers: http.OutgoingHttpHeaders): Promise<number>;
	/** Closes the kept-alive sockets. */
	close(): void;
}

/** Long enough for any healthy answer; a request hung past it counts as an error instead of stalling the run. */
const requestTimeoutMs = 10_000;

/**
 * POSTs `body` to `url` over node:http with a keep-alive agent: each virtual client keeps its own
 * socket, as a browser does, so the measurement is the endpoint and not TCP set-up. Lighter than
 * fetch, whose per-request overhead would eat into the shared CPU the servers need.
 */
export function httpPoster(url: string, body: string): HttpPoster {
	const agent = new http.Agent({ keepAlive: true });
	const payload = Buffer.from(body);
	const post = (headers: http.OutgoingHttpHeaders) =>
		new Promise<number>((resolve, reject) => {
			const request = http.request(
				url,
				{
					method: 'POST',
					agent,
					timeout: requestTimeoutMs,
					headers: { ...headers, 'content-type': 'application/json', 'content-length': payload.length }
				},
				(response) => {
					// The body must be read for the socket to be reused.
					response.resume();
					response.once('end', () => resolve(response.statusCode ?? 0));
					response.once('error', reject);
				}
			);
			request.once('timeout', () => request.destroy(new Error('timeout')));
			request.once('error', reject);
			request.end(payload);
		});
	return { post, close: () => agent.destroy() };
}
