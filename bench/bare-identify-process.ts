import { fileURLToPath } from 'node:url';
import { startServerProcess } from './server-process';

export interface BareIdentifyServer {
	/** The endpoint's URL on 127.0.0.1. */
	url: string;
	pid: number;
	stop(): Promise<void>;
}

const serverFile = fileURLToPath(new URL('./bare-identify-server.ts', import.meta.url));

/** Starts bare-identify-server.ts in a Node process of its own, talking to the Liveblocks server at `baseUrl`. */
export async function startBareIdentifyServer({
	secret,
	baseUrl
}: {
	secret: string;
	baseUrl: string;
}): Promise<BareIdentifyServer> {
	const server = await startServerProcess({
		name: 'The bare identify server',
		args: ['--import', 'tsx', serverFile],
		env: { NODE_ENV: 'production', LIVEBLOCKS_SECRET_KEY: secret, LIVEBLOCKS_BASE_URL: baseUrl },
		readyLine: /^listening (\d+)$/
	});
	return { url: `http://127.0.0.1:${server.port}/`, pid: server.pid, stop: server.stop };
}
