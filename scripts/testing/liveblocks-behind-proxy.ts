import { Liveblocks } from '@liveblocks/node';
import { afterAll, beforeAll, beforeEach, inject } from 'vitest';
import { LIVEBLOCKS_DEV_SECRET_KEY } from '../services/liveblocks-dev-server';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

/**
 * The Liveblocks dev server two ways for the tests of one file: `direct`, to set rooms up and
 * check them, and `client`, what the code under test calls, through `proxy`, a fault proxy whose
 * faults and records are cleared before each test.
 */
export function useLiveblocksBehindFaultProxy(): {
	readonly direct: Liveblocks;
	readonly client: Liveblocks;
	readonly proxy: FaultProxy;
} {
	let started: { direct: Liveblocks; client: Liveblocks; proxy: FaultProxy } | undefined;
	beforeAll(async () => {
		const proxy = await startFaultProxy(inject('liveblocksBaseUrl'));
		started = {
			direct: new Liveblocks({ secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl: inject('liveblocksBaseUrl') }),
			client: new Liveblocks({ secret: LIVEBLOCKS_DEV_SECRET_KEY, baseUrl: proxy.url }),
			proxy
		};
	});
	afterAll(() => started?.proxy.close());
	beforeEach(() => started?.proxy.reset());
	const running = () => {
		if (!started) throw new Error('The proxy runs only while the tests of this file run');
		return started;
	};
	return {
		get direct() {
			return running().direct;
		},
		get client() {
			return running().client;
		},
		get proxy() {
			return running().proxy;
		}
	};
}
