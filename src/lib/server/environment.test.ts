import { describe, expect, it } from 'vitest';
import { parseEnv } from './environment';

const valid = {
	DATABASE_URL: 'postgresql://gatehouse@db.internal:5432/gatehouse',
	AUTH_SECRET: 'x'.repeat(32),
	LIVEBLOCKS_SECRET_KEY: 'sk_prod_123'
};

function errorOf(source: Record<string, string | undefined>): string {
	try {
		parseEnv(source);
	} catch (error) {
		return (error as Error).message;
	}
	throw new Error('expected parseEnv to fail');
}

describe('parseEnv', () => {
	it('accepts the three required settings and defaults the rest', () => {
		const env = parseEnv(valid);
		expect(env.DATABASE_URL).toBe(valid.DATABASE_URL);
		expect(env.LIVEBLOCKS_BASE_URL).toBeUndefined();
		expect(env.AUTH_ALLOW_UNKNOWN_EMAILS).toBe(false);
		expect(env.OIDC_NAME).toBe('Single sign-on');
	});

	it('gives sessions 12 hours unless SESSION_LIFETIME_SECONDS says otherwise', () => {
		expect(parseEnv(valid).SESSION_LIFETIME_SECONDS).toBe(12 * 60 * 60);
		expect(parseEnv({ ...valid, SESSION_LIFETIME_SECONDS: '900' }).SESSION_LIFETIME_SECONDS).toBe(900);
		expect(errorOf({ ...valid, SESSION_LIFETIME_SECONDS: 'soon' })).toContain(
			'SESSION_LIFETIME_SECONDS must be a number of seconds'
		);
		expect(errorOf({ ...valid, SESSION_LIFETIME_SECONDS: '0' })).toContain(
			'SESSION_LIFETIME_SECONDS must be at least 1 second'
		);
	});

	it('gives bulk job leases 30 s unless BULK_JOB_LEASE_SECONDS says otherwise', () => {
		expect(parseEnv(valid).BULK_JOB_LEASE_SECONDS).toBe(30);
		expect(parseEnv({ ...valid, BULK_JOB_LEASE_SECONDS: '3' }).BULK_JOB_LEASE_SECONDS).toBe(3);
		expect(errorOf({ ...valid, BULK_JOB_LEASE_SECONDS: '0.5' })).toContain(
			'BULK_JOB_LEASE_SECONDS must be a whole number of seconds'
		);
	});

	it('bounds database calls by default and takes other bounds in milliseconds', () => {
		const env = parseEnv(valid);
		expect(env.DATABASE_CONNECT_TIMEOUT_MS).toBe(5_000);
		expect(env.DATABASE_STATEMENT_TIMEOUT_MS).toBe(10_000);
		expect(env.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS).toBe(30_000);
		expect(parseEnv({ ...valid, DATABASE_STATEMENT_TIMEOUT_MS: '2500' }).DATABASE_STATEMENT_TIMEOUT_MS).toBe(
			2500
		);
		expect(errorOf({ ...valid, DATABASE_CONNECT_TIMEOUT_MS: '5s' })).toContain(
			'DATABASE_CONNECT_TIMEOUT_MS must be a number of milliseconds'
		);
		expect(errorOf({ ...valid, DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: '0' })).toContain(
			'DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS must be at least 1 millisecond'
		);
	});

	it('gives each person 60 ID tokens a minute unless LIVEBLOCKS_TOKENS_PER_MINUTE says otherwise', () => {
		expect(parseEnv(valid).LIVEBLOCKS_TOKENS_PER_MINUTE).toBe(60);
		expect(parseEnv({ ...valid, LIVEBLOCKS_TOKENS_PER_MINUTE: '5' }).LIVEBLOCKS_TOKENS_PER_MINUTE).toBe(5);
		expect(errorOf({ ...valid, LIVEBLOCKS_TOKENS_PER_MINUTE: 'many' })).toContain(
			'LIVEBLOCKS_TOKENS_PER_MINUTE must be a number of tokens'
		);
		expect(errorOf({ ...valid, LIVEBLOCKS_TOKENS_PER_MINUTE: '2.5' })).toContain(
			'LIVEBLOCKS_TOKENS_PER_MINUTE must be a whole number of tokens'
		);
		expect(errorOf({ ...valid, LIVEBLOCKS_TOKENS_PER_MINUTE: '0' })).toContain(
			'LIVEBLOCKS_TOKENS_PER_MINUTE must be at least 1 token'
		);
	});

	it('names every missing variable in one message', () => {
		const message = errorOf({});
		expect(message).toContain('DATABASE_URL is required');
		expect(message).toContain('AUTH_SECRET is required');
		expect(message).toContain('LIVEBLOCKS_SECRET_KEY is required');
	});

	it('treats blank values as missing', () => {
		expect(errorOf({ ...valid, AUTH_SECRET: '  ' })).toContain('AUTH_SECRET is required');
	});

	it('explains invalid values', () => {
		const message = errorOf({
			...valid,
			DATABASE_URL: 'mysql://x',
			AUTH_SECRET: 'short',
			LIVEBLOCKS_SECRET_KEY: 'pk_public',
			LIVEBLOCKS_BASE_URL: 'not a url',
			AUTH_ALLOW_UNKNOWN_EMAILS: 'yes'
		});
		expect(message).toContain('DATABASE_URL must be a postgresql:// connection URL');
		expect(message).toContain('AUTH_SECRET must be at least 32 characters');
		expect(message).toContain('LIVEBLOCKS_SECRET_KEY must be a Liveblocks secret key');
		expect(message).toContain('LIVEBLOCKS_BASE_URL must be a URL');
		expect(message).toContain('AUTH_ALLOW_UNKNOWN_EMAILS must be true or false');
	});

	it('requires a provider to be configured completely or not at all', () => {
		const message = errorOf({ ...valid, OIDC_ISSUER: 'https://id.example.com' });
		expect(message).toContain('OIDC_CLIENT_ID is required to enable OIDC sign-in (OIDC_ISSUER is set)');
		expect(message).toContain('OIDC_CLIENT_SECRET is required to enable OIDC sign-in');
		expect(errorOf({ ...valid, GITHUB_CLIENT_SECRET: 's' })).toContain(
			'GITHUB_CLIENT_ID is required to enable GitHub sign-in'
		);
		const github = parseEnv({ ...valid, GITHUB_CLIENT_ID: 'id', GITHUB_CLIENT_SECRET: 's' });
		expect(github.GITHUB_CLIENT_ID).toBe('id');
	});
});
