// The bare ID-token endpoint: what POST /api/liveblocks-auth costs with no session, database or
// framework, only `identifyUser` with fixed ids. A process of its own, as the app is, so it never
// shares an event loop with the load generator. Prints `listening <port>` once it accepts requests.
import http from 'node:http';
import { Liveblocks } from '@liveblocks/node';

const secret = process.env.LIVEBLOCKS_SECRET_KEY;
const baseUrl = process.env.LIVEBLOCKS_BASE_URL;
if (!secret || !baseUrl) {
	console.error('bare-identify-server needs LIVEBLOCKS_SECRET_KEY and LIVEBLOCKS_BASE_URL');
	process.exit(2);
}

const liveblocks = new Liveblocks({ secret, baseUrl });

const server = http.createServer((request, response) => {
	// Read the request body as the app's server does before answering, then identify.
	request.resume();
	request.once('end', async () => {
		try {
			const { status, body } = await liveblocks.identifyUser(
				{ userId: 'bench-user', groupIds: ['bench-group'] },
				{ userInfo: { name: 'Bench' } }
			);
			// The headers the app's `new Response(body, { status })` sends with a string body.
			response.writeHead(status, { 'content-type': 'text/plain;charset=UTF-8' }).end(body);
		} catch (error) {
			console.error(error);
			response.writeHead(500).end();
		}
	});
});

server.listen(0, '127.0.0.1', () => {
	const address = server.address();
	if (typeof address !== 'object' || address === null) throw new Error('the server has no port');
	console.log(`listening ${address.port}`);
});

// The parent stops this server with SIGTERM; close so in-flight answers finish first.
process.once('SIGTERM', () => server.close(() => process.exit(0)));
