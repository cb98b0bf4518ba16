import { building } from '$app/environment';
import type { ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
// Importing the Auth.js handle also validates the environment (env.ts) when the server starts.
import { handle as authHandle } from '$lib/server/auth/authjs';
import { refuseMalformedInput } from '$lib/server/malformed-input';
import { startBulkJobPoller } from '$lib/server/rooms/bulk/background';

export const handle = sequence(refuseMalformedInput, authHandle);

/** Bulk jobs left by a stopped instance (or a restart) continue here. */
export const init: ServerInit = () => {
	if (!building) startBulkJobPoller();
};
