import type { Page } from '@playwright/test';

/**
 * A form post made outside the page's own controls, as a hand-crafted request would be: same
 * origin (so it passes the CSRF check and reaches the authorization door) and the signed-in
 * browser's cookies.
 */
export function forgedPost(page: Page, path: string, fields: Record<string, string> = {}) {
	const origin = new URL(page.url()).origin;
	return page.request.post(path, {
		form: fields,
		headers: { origin, accept: 'text/html' },
		maxRedirects: 0
	});
}

/** The identity the person page says the ID-token endpoint would send. */
export async function shownIdentity(page: Page) {
	return JSON.parse((await page.getByTestId('identity').textContent()) ?? 'null');
}
