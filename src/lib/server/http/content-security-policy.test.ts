import { describe, expect, it } from 'vitest';
import {
	extendPolicy,
	identityProviderFormTargets,
	liveblocksConnectSources
} from './content-security-policy';

describe('extendPolicy', () => {
	it('appends sources to the directives that exist and keeps the rest as they are', () => {
		const policy = "default-src 'self'; connect-src 'self'; script-src 'self' 'nonce-abc'";
		expect(
			extendPolicy(policy, { 'connect-src': ['https://api.liveblocks.io', 'wss://api.liveblocks.io'] })
		).toBe(
			"default-src 'self'; connect-src 'self' https://api.liveblocks.io wss://api.liveblocks.io; script-src 'self' 'nonce-abc'"
		);
	});

	it("adds a missing directive with 'self', so adding never takes away what default-src allowed", () => {
		expect(extendPolicy("default-src 'self'", { 'form-action': ['https://github.com'] })).toBe(
			"default-src 'self'; form-action 'self' https://github.com"
		);
	});

	it('adds nothing twice and leaves a directive alone when there is nothing to add', () => {
		const policy = "connect-src 'self' https://a.example";
		expect(extendPolicy(policy, { 'connect-src': ['https://a.example'], 'form-action': [] })).toBe(policy);
	});
});

describe('liveblocksConnectSources', () => {
	it('allows the hosted service over HTTPS and its secure WebSocket when no base URL is set', () => {
		expect(liveblocksConnectSources(undefined)).toEqual([
			'https://api.liveblocks.io',
			'wss://api.liveblocks.io'
		]);
	});

	it('allows a dev server over http and ws, with its port', () => {
		expect(liveblocksConnectSources('http://127.0.0.1:1153/')).toEqual([
			'http://127.0.0.1:1153',
			'ws://127.0.0.1:1153'
		]);
	});
});

describe('identityProviderFormTargets', () => {
	it('names the origin of each configured provider', () => {
		expect(identityProviderFormTargets({ github: false })).toEqual([]);
		expect(
			identityProviderFormTargets({ oidcIssuer: 'https://login.example.com/realms/x', github: true })
		).toEqual(['https://login.example.com', 'https://github.com']);
	});
});
