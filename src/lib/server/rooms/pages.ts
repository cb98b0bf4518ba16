/** One page of a cursor-paged listing, as Liveblocks' getRooms returns it. */
export type Page<T> = { data: T[]; nextCursor: string | null };

/**
 * Every item of a cursor-paged listing, page by page. It follows `nextCursor` until there is none,
 * and also stops at a page whose ids were all seen already: the local dev server ignores the
 * cursor and answers every request with all rooms, so following it would never end.
 */
export async function* allPages<T extends { id: string }>(
	fetchPage: (cursor: string | undefined) => Promise<Page<T>>
): AsyncGenerator<T[]> {
	const seen = new Set<string>();
	let cursor: string | undefined;
	for (;;) {
		const page = await fetchPage(cursor);
		const fresh = page.data.filter((item) => !seen.has(item.id));
		if (page.data.length > 0 && fresh.length === 0) return;
		for (const item of fresh) seen.add(item.id);
		if (fresh.length > 0) yield fresh;
		if (!page.nextCursor || page.nextCursor === cursor) return;
		cursor = page.nextCursor;
	}
}
