import { building } from '$app/environment';
import type { ServerInit } from '@sveltejs/kit';
import { startBulkJobPoller } from '$lib/server/rooms/bulk/background';

// Importing the Auth.js handle also validates the environment (env.ts) when the server starts.
export { handle } from '$lib/server/auth/authjs';

/** Bulk jobs left by a stopped instance (or a restart) continue here. */
export const init: ServerInit = () => {
	if (!building) startBulkJobPoller();
};
