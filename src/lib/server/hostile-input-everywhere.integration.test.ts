import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { signedInAs, useAppUnderTest } from '../../../scripts/testing/app-under-test';
import { callHandler } from '../../../scripts/testing/call-handler';
import { databaseFingerprint } from '../../../scripts/testing/database-fingerprint';
import { encodeBody, hostileBody, hostileId, hostileQuery } from '../../../scripts/testing/hostile-input';
import { realParams } from '../../../scripts/testing/route-fixtures';
import { routeTree } from '../../../scripts/testing/route-tree';

/**
 * fast-check throws hostile input at every load, action and endpoint of the route tree, as an
 * admin (the role that reaches the most): unicode, NUL, very long text, repeated fields where one
 * is expected, files where text is expected, JSON where text is expected, JSON and plain-text
 * bodies where a form is expected, unknown fields, ids of 128, 129 and 500 characters. Every
 * answer is below 500; a refusal (4xx) says why and writes nothing. The handwritten cases are in
 * hostile-input.integration.test.ts.
 */

const app = useAppUnderTest('hostile_input_everywhere');

/** Runs per handler: about a minute for the whole tree. */
const numRuns = 12;

/** Failed password checks are counted on purpose, refusal or not (decision 013). */
const countedOnPurpose = ['RateLimit'];

/** Handlers that end the caller's session are called signed out (their input is redirectTo only). */
const endsTheSession = new Set(['action /signout']);

const handlers = routeTree();

/** Bulk jobs that a call started run in the background: wait for them before comparing. */
async function jobsSettled(): Promise<void> {
	for (let tries = 0; tries < 100; tries++) {
		const active = await app.db.bulkJob.count({ where: { status: { in: ['queued', 'running'] } } });
		if (active === 0) return;
		await new Promise((resolve) => setTimeout(resolve, 100));
	}
	throw new Error('A bulk job did not finish within 10 s');
}

describe('hostile input everywhere', () => {
	let admin: string;
	const realIds: string[] = [];
	const params = new Map<string, Record<string, string>>();

	beforeAll(async () => {
		admin = await signedInAs(app, 'admin');
		for (const handler of handlers) {
			const real = await realParams(app, handler.path);
			params.set(handler.key, real);
			realIds.push(...Object.values(real));
		}
	});

	it.each(handlers.map((handler) => [handler.key, handler] as const))(
		'%s answers below 500, and refuses with a reason and no write',
		async (key, handler) => {
			const real = params.get(key)!;
			const input = fc.record({
				ids: fc.record(Object.fromEntries(Object.entries(real).map(([name, id]) => [name, hostileId(id)]))),
				query: hostileQuery(realIds),
				body: hostileBody(realIds)
			});
			await fc.assert(
				fc.asyncProperty(input, async ({ ids, query, body }) => {
					await jobsSettled();
					const before = await databaseFingerprint(app.db, countedOnPurpose);
					const answer = await callHandler(app.url, handler, {
						cookie: endsTheSession.has(key) ? undefined : admin,
						fill: (param) => ids[param]!,
						query,
						...(handler.kind === 'action' || handler.kind === 'endpoint' ? encodeBody(body) : {})
					});
					const said = `${answer.status} ${answer.message.slice(0, 300)}`;
					expect(answer.status, said).toBeLessThan(500);
					if (answer.status >= 400) {
						expect(answer.message.trim(), `${said}: a refusal says why`).not.toBe('');
						await jobsSettled();
						expect(await databaseFingerprint(app.db, countedOnPurpose), `${said}: refused but wrote`).toEqual(
							before
						);
					}
				}),
				// No shrinking: each step is a request; the first counterexample names the input.
				{ numRuns, endOnFailure: true }
			);
		}
	);
});
