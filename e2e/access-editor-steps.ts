import type { Page } from '@playwright/test';
import { expect } from './fixtures';

// The access editor's steps that many specs take: a cell of the grid, then the review and the save.

/** The level picker of `resource` ("Room", "Storage", "Comments") on the row labelled `row`. */
export const cell = (page: Page, resource: string, row: string) =>
	page.getByRole('combobox', { name: `${resource} for ${row}`, exact: true });

/** Opens the review of the pending changes and returns its dialog, not yet saved. */
export async function openReview(page: Page) {
	await page.getByRole('button', { name: /^Review \d+ changes?$/ }).click();
	const dialog = page.getByRole('dialog', { name: 'Save these changes to Liveblocks?' });
	await expect(dialog).toBeVisible();
	return dialog;
}

/** Reviews and saves the pending changes, and waits for Liveblocks to have them. */
export async function saveChanges(page: Page) {
	await (await openReview(page)).getByRole('button', { name: 'Save' }).click();
	await expect(page.getByTestId('saved')).toBeVisible();
}
