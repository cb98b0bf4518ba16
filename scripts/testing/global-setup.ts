import type { TestProject } from 'vitest/node';
import { freePort } from '../services/free-port';
import { startLiveblocksDevServer } from '../services/liveblocks-dev-server';
import { buildApp } from './build-app';

declare module 'vitest' {
	export interface ProvidedContext {
		liveblocksBaseUrl: string;
	}
}

/**
 * Once per integration run: build the app as it ships (tests start it with startAppServer) and
 * start one Liveblocks dev server that every test file shares (room ids are unique per test).
 */
export default async function setup(project: TestProject) {
	await buildApp();
	const liveblocks = await startLiveblocksDevServer({ port: await freePort() });
	project.provide('liveblocksBaseUrl', liveblocks.baseUrl);
	return () => liveblocks.stop();
}
