import { describe, expect, it } from 'vitest';
import { signedInAs, useAppUnderTest } from '../../../../../scripts/testing/app-under-test';

const app = useAppUnderTest('people_search');

const search = (q: string | null, cookie?: string) =>
	fetch(`${app.url}/api/people/search${q === null ? '' : `?q=${encodeURIComponent(q)}`}`, {
		headers: cookie ? { cookie } : {}
	});

describe('GET /api/people/search', () => {
	it('returns at most 20 matches as id, name and email for staff', async () => {
		const tag = crypto.randomUUID().slice(0, 8);
		await app.db.person.createMany({
			data: Array.from({ length: 25 }, (_, n) => ({
				email: `p${n}-${tag}@example.com`,
				name: `Picked ${n}`,
				passwordHash: 'never returned'
			}))
		});
		for (const role of ['admin', 'support'] as const) {
			const response = await search(tag.toUpperCase(), await signedInAs(app, role));
			expect(response.status).toBe(200);
			const people = await response.json();
			expect(people).toHaveLength(20);
			expect(Object.keys(people[0]).sort()).toEqual(['email', 'id', 'name']);
		}
	});

	it('refuses bad input with a clear 400', async () => {
		const cookie = await signedInAs(app, 'admin');
		for (const q of [null, '', '   ', 'x'.repeat(101)]) {
			const response = await search(q, cookie);
			expect(response.status).toBe(400);
			expect(await response.json()).toEqual({
				message: 'Give a search text of 1 to 100 characters in ?q=.'
			});
		}
	});

	it('refuses members with 403 and strangers with 401', async () => {
		expect((await search('a', await signedInAs(app, 'member'))).status).toBe(403);
		expect((await search('a')).status).toBe(401);
	});
});
