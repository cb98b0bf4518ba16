import { z } from 'zod';
import { defaultDatabaseTimeouts } from './database-timeouts';

const unsetIfBlank = (value: unknown) =>
	typeof value === 'string' && value.trim() === '' ? undefined : value;
const optionalText = z.preprocess(unsetIfBlank, z.string().optional());
const milliseconds = (fallback: number) =>
	z.preprocess(
		unsetIfBlank,
		z.coerce
			.number('must be a number of milliseconds')
			.int('must be a whole number of milliseconds')
			.positive('must be at least 1 millisecond')
			.default(fallback)
	);

/**
 * Every setting the server reads (see the README's configuration table), validated once at start-up. The start script (scripts/start.ts)
 * fills in local defaults when nothing is configured; in production each value comes from the
 * environment.
 */
export const envSchema = z
	.object({
		DATABASE_URL: z.preprocess(
			unsetIfBlank,
			z
				.string({ error: 'is required (a postgresql:// connection URL)' })
				.regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// connection URL')
		),
		AUTH_SECRET: z.preprocess(
			unsetIfBlank,
			z
				.string({ error: 'is required (at least 32 random characters)' })
				.min(32, 'must be at least 32 characters')
		),
		LIVEBLOCKS_SECRET_KEY: z.preprocess(
			unsetIfBlank,
			z
				.string({ error: 'is required (a Liveblocks secret key, sk_...)' })
				.startsWith('sk_', 'must be a Liveblocks secret key (sk_...)')
		),
		/** Set only for a Liveblocks server other than the hosted one, e.g. the local dev server. */
		LIVEBLOCKS_BASE_URL: z.preprocess(unsetIfBlank, z.url('must be a URL').optional()),
		/** How long to wait for a database connection, or a free one in the pool. */
		DATABASE_CONNECT_TIMEOUT_MS: milliseconds(defaultDatabaseTimeouts.connectMs),
		/** How long one statement may run before the database cancels it. */
		DATABASE_STATEMENT_TIMEOUT_MS: milliseconds(defaultDatabaseTimeouts.statementMs),
		/** How long a transaction may sit with no statement before the database ends its session. */
		DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: milliseconds(defaultDatabaseTimeouts.idleInTransactionMs),
		OIDC_ISSUER: z.preprocess(unsetIfBlank, z.url('must be the issuer URL').optional()),
		OIDC_CLIENT_ID: optionalText,
		OIDC_CLIENT_SECRET: optionalText,
		OIDC_NAME: z.preprocess(unsetIfBlank, z.string().default('Single sign-on')),
		GITHUB_CLIENT_ID: optionalText,
		GITHUB_CLIENT_SECRET: optionalText,
		/** How long a session lasts from sign-in, however much it is used (default 12 hours). */
		SESSION_LIFETIME_SECONDS: z.preprocess(
			unsetIfBlank,
			z.coerce
				.number('must be a number of seconds')
				.int('must be a whole number of seconds')
				.positive('must be at least 1 second')
				.default(12 * 60 * 60)
		),
		/**
		 * How long a bulk job's lease lasts unless its instance renews it: after a crash, another
		 * instance continues the job this long (plus up to 5 s) later. Default 30 s.
		 */
		BULK_JOB_LEASE_SECONDS: z.preprocess(
			unsetIfBlank,
			z.coerce
				.number('must be a number of seconds')
				.int('must be a whole number of seconds')
				.positive('must be at least 1 second')
				.default(30)
		),
		/**
		 * ID tokens one person may get per minute, counted on every instance together
		 * (docs/decisions/020-token-rate-limit.md). A person's client asks once per room join or
		 * reconnect, and once an hour while connected. Default 60.
		 */
		LIVEBLOCKS_TOKENS_PER_MINUTE: z.preprocess(
			unsetIfBlank,
			z.coerce
				.number('must be a number of tokens')
				.int('must be a whole number of tokens')
				.positive('must be at least 1 token')
				.default(60)
		),
		/** How long an invite link made from the access editor works (default 168 hours, 7 days). */
		INVITE_LIFETIME_HOURS: z.preprocess(
			unsetIfBlank,
			z.coerce
				.number('must be a number of hours')
				.int('must be a whole number of hours')
				.positive('must be at least 1 hour')
				.default(7 * 24)
		),
		/** Identity-provider sign-ins with an unknown email create a member instead of being refused. */
		AUTH_ALLOW_UNKNOWN_EMAILS: z.preprocess(
			unsetIfBlank,
			z
				.enum(['true', 'false'], 'must be true or false')
				.default('false')
				.transform((v) => v === 'true')
		)
	})
	.superRefine((env, ctx) => {
		const groups = {
			OIDC: ['OIDC_ISSUER', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET'],
			GitHub: ['GITHUB_CLIENT_ID', 'GITHUB_CLIENT_SECRET']
		} as const;
		for (const [provider, keys] of Object.entries(groups)) {
			const set = keys.filter((key) => env[key] !== undefined);
			if (set.length === 0 || set.length === keys.length) continue;
			for (const key of keys.filter((key) => env[key] === undefined)) {
				ctx.addIssue({
					code: 'custom',
					path: [key],
					message: `is required to enable ${provider} sign-in (${set.join(', ')} ${set.length === 1 ? 'is' : 'are'} set)`
				});
			}
		}
	});

export type Env = z.infer<typeof envSchema>;

export class InvalidEnvironmentError extends Error {}

/** Parses the environment, or throws one error that names every missing or invalid variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
	const result = envSchema.safeParse(source);
	if (result.success) return result.data;
	const lines = result.error.issues.map((issue) => `  - ${issue.path.join('.')} ${issue.message}`);
	throw new InvalidEnvironmentError(`Invalid configuration:\n${lines.join('\n')}`);
}
