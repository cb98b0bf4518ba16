import { Liveblocks } from '@liveblocks/node';
import { env } from './env';

/** The app's one Liveblocks client: the hosted service, or the server at LIVEBLOCKS_BASE_URL. */
export const liveblocks = new Liveblocks({
	secret: env.LIVEBLOCKS_SECRET_KEY,
	...(env.LIVEBLOCKS_BASE_URL ? { baseUrl: env.LIVEBLOCKS_BASE_URL } : {})
});
