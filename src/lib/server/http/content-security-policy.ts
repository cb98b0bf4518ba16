/** A Content-Security-Policy header value with `additions` appended to their directives. */
export function extendPolicy(policy: string, additions: Record<string, readonly string[]>): string {
	const directives = policy
		.split(';')
		.map((part) => part.trim())
		.filter(Boolean)
		.map((part) => part.split(/\s+/));
	for (const [name, sources] of Object.entries(additions)) {
		if (sources.length === 0) continue;
		const directive = directives.find(([existing]) => existing === name);
		// A directive the policy lacks would otherwise fall back to default-src 'self'.
		if (directive) directive.push(...sources.filter((source) => !directive.includes(source)));
		else directives.push([name, "'self'", ...sources]);
	}
	return directives.map((parts) => parts.join(' ')).join('; ');
}

const hostedLiveblocks = 'https://api.liveblocks.io';

/**
 * Where @liveblocks/client connects from the browser: HTTP for its REST calls and the WebSocket
 * it derives from the same base URL (http -> ws, https -> wss).
 */
export function liveblocksConnectSources(baseUrl: string | undefined): string[] {
	const url = new URL(baseUrl ?? hostedLiveblocks);
	const socket = `${url.protocol === 'http:' ? 'ws:' : 'wss:'}//${url.host}`;
	return [url.origin, socket];
}

/** Where a sign-in form may send the browser: the identity providers that are configured. */
export function identityProviderFormTargets(providers: { oidcIssuer?: string; github: boolean }): string[] {
	const targets = [];
	if (providers.oidcIssuer) targets.push(new URL(providers.oidcIssuer).origin);
	if (providers.github) targets.push('https://github.com');
	return targets;
}

/** For responses SvelteKit gives no policy (endpoints, error.html, Auth.js's own pages): no scripts, no framing. */
export const fallbackPolicy =
	"default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";
