import { building } from '$app/environment';
import type { Handle, HandleServerError, ServerInit } from '@sveltejs/kit';
import { sequence } from '@sveltejs/kit/hooks';
// Importing the Auth.js handle also validates the environment (env.ts) when the server starts.
import { handle as authJs } from '$lib/server/auth/authjs';
import {
	answerDatabaseUnavailable,
	describeServerError
} from '$lib/server/http/database-unavailable-response';
import { refuseMalformedInput } from '$lib/server/malformed-input';
import { originCheck } from '$lib/server/origin-check';
import { startBulkJobPoller } from '$lib/server/rooms/bulk/background';
import { securityHeaders } from '$lib/server/security-headers';

/**
 * The ID-token endpoint reads its session from the cookie itself (requireTokenHolder), without
 * Auth.js decrypting and re-sealing it on every token: docs/decisions/021-token-endpoint-session.md.
 */
const authJsExceptTokenEndpoint: Handle = (input) =>
	input.event.route.id === '/api/liveblocks-auth' ? input.resolve(input.event) : authJs(input);

// An unavailable database's 500 becomes a 503 outermost, whatever answered. Security headers next,
// so refusals and Auth.js's own answers carry them too; then requests from other origins and
// malformed input are refused before anything reads them.
export const handle = sequence(
	answerDatabaseUnavailable,
	securityHeaders,
	originCheck,
	refuseMalformedInput,
	authJsExceptTokenEndpoint
);

export const handleError: HandleServerError = describeServerError;

/** Bulk jobs left by a stopped instance (or a restart) continue here. */
export const init: ServerInit = () => {
	if (!building) startBulkJobPoller();
};
