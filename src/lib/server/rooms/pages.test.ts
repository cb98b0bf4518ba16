import { describe, expect, it } from 'vitest';
import { allPages, type Page } from './pages';

type Item = { id: string };

async function collect(fetchPage: (cursor: string | undefined) => Promise<Page<Item>>) {
	const pages: string[][] = [];
	for await (const page of allPages(fetchPage)) pages.push(page.map((item) => item.id));
	return pages;
}

const items = (...ids: string[]) => ids.map((id) => ({ id }));
const lastPage: Page<Item> = { data: [], nextCursor: null };

describe('allPages', () => {
	it('follows nextCursor until the last page (the hosted service)', async () => {
		const pages: Record<string, Page<Item>> = {
			start: { data: items('a', 'b'), nextCursor: 'c1' },
			c1: { data: items('c', 'd'), nextCursor: 'c2' },
			c2: { data: items('e'), nextCursor: null }
		};
		const asked: (string | undefined)[] = [];
		const result = await collect(async (cursor) => {
			asked.push(cursor);
			return pages[cursor ?? 'start'] ?? lastPage;
		});
		expect(result).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
		expect(asked).toEqual([undefined, 'c1', 'c2']);
	});

	it('stops when a page repeats what it already returned (the dev server ignores the cursor)', async () => {
		let calls = 0;
		const result = await collect(async () => {
			calls++;
			return { data: items('a', 'b', 'c'), nextCursor: 'again' };
		});
		expect(result).toEqual([['a', 'b', 'c']]);
		expect(calls).toBe(2);
	});

	it('yields only new items when pages overlap, and nothing for an empty listing', async () => {
		const overlapping: Record<string, Page<Item>> = {
			start: { data: items('a', 'b'), nextCursor: 'c1' },
			c1: { data: items('b', 'c'), nextCursor: null }
		};
		expect(await collect(async (cursor) => overlapping[cursor ?? 'start'] ?? lastPage)).toEqual([
			['a', 'b'],
			['c']
		]);
		expect(await collect(async () => ({ data: [], nextCursor: null }))).toEqual([]);
	});
});
