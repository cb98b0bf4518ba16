import { Liveblocks } from '@liveblocks/node';
import { env } from '../env';

let client: Liveblocks | undefined;

/**
 * The app's one Liveblocks client: the hosted service, or the server at LIVEBLOCKS_BASE_URL.
 * Made on first use, because `vite build` imports this module without any environment.
 */
export function liveblocks(): Liveblocks {
	client ??= new Liveblocks({
		secret: env.LIVEBLOCKS_SECRET_KEY,
		...(env.LIVEBLOCKS_BASE_URL ? { baseUrl: env.LIVEBLOCKS_BASE_URL } : {})
	});
	return client;
}
