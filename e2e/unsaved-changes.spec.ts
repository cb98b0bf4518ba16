import type { Page } from '@playwright/test';
import { cell, saveChanges } from './access-editor-steps';
import { expect, signIn, test, waitForHydrationAfterGoto } from './fixtures';

const leaveDialog = (page: Page) => page.getByRole('dialog', { name: 'Leave without saving?' });

/** Closes the tab as a person would, and returns the prompts the browser showed (each accepted). */
async function closeTab(page: Page): Promise<string[]> {
	const prompts: string[] = [];
	page.on('dialog', (dialog) => {
		prompts.push(dialog.type());
		void dialog.accept();
	});
	await page.close({ runBeforeUnload: true });
	await expect.poll(() => page.isClosed()).toBe(true);
	return prompts;
}

test('the access editor asks before a menu link loses an edit: Stay keeps it, Leave goes', async ({
	page,
	world
}) => {
	const group = await world.group();
	const admin = await world.person({ role: 'admin' });
	const roomId = await world.room({ defaultAccesses: [], groupsAccesses: { [group]: ['room:read'] } });
	await signIn(page, admin);
	await page.goto(`/rooms/${roomId}/access`);
	await cell(page, 'Storage', group).selectOption('write');

	const people = page.getByRole('link', { name: 'People', exact: true });
	const dialog = leaveDialog(page);
	await people.click();
	await expect(dialog).toBeVisible();
	await expect(dialog.getByRole('button', { name: 'Stay' })).toBeFocused();
	await dialog.getByRole('button', { name: 'Stay' }).click();
	await expect(dialog).toBeHidden();
	await expect(page).toHaveURL(new RegExp(`/rooms/${roomId}/access$`));
	await expect(cell(page, 'Storage', group)).toHaveValue('write');

	// Escape stays too, as it closes any dialog.
	await people.click();
	await expect(dialog).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(dialog).toBeHidden();
	await expect(cell(page, 'Storage', group)).toHaveValue('write');

	await people.click();
	await dialog.getByRole('button', { name: 'Leave' }).click();
	await expect(page).toHaveURL(/\/people$/);
	expect((await world.liveblocks.getRoom(roomId)).groupsAccesses).toEqual({ [group]: ['room:read'] });
});

test('closing the tab with an unsaved access edit brings the browser prompt; after a save nothing asks', async ({
	page,
	world
}) => {
	const group = await world.group();
	const admin = await world.person({ role: 'admin' });
	const roomId = await world.room({ defaultAccesses: [], groupsAccesses: { [group]: ['room:read'] } });
	await signIn(page, admin);
	const second = waitForHydrationAfterGoto(await page.context().newPage());

	await page.goto(`/rooms/${roomId}/access`);
	// Chromium only prompts on a page the person has touched; selectOption alone is no click.
	await page.getByRole('heading', { level: 1 }).click();
	await cell(page, 'Storage', group).selectOption('write');
	expect(await closeTab(page)).toEqual(['beforeunload']);

	await second.goto(`/rooms/${roomId}/access`);
	await second.getByRole('heading', { level: 1 }).click();
	expect(await closeTab(second)).toEqual([]); // nothing changed

	const third = waitForHydrationAfterGoto(await page.context().newPage());
	await third.goto(`/rooms/${roomId}/access`);
	await third.getByRole('heading', { level: 1 }).click();
	await cell(third, 'Storage', group).selectOption('write');
	await saveChanges(third);
	await third.getByRole('link', { name: 'People', exact: true }).click();
	await expect(third).toHaveURL(/\/people$/);
	await third.goBack();
	await expect(cell(third, 'Storage', group)).toHaveValue('write');
	expect(await closeTab(third)).toEqual([]);
});

test('person forms ask before leaving unsaved edits, and never when saving or creating', async ({
	page,
	world
}) => {
	const admin = await world.person({ role: 'admin' });
	const target = await world.person();
	await signIn(page, admin);
	const dialog = leaveDialog(page);

	await page.goto(`/people/${target.id}`);
	await page.getByLabel('Name').fill(`${target.name} renamed`);
	await page.getByRole('link', { name: '← People' }).click();
	await expect(dialog).toBeVisible();
	await dialog.getByRole('button', { name: 'Stay' }).click();
	await expect(page.getByLabel('Name')).toHaveValue(`${target.name} renamed`);
	await page.getByRole('button', { name: 'Save profile' }).click();
	await expect(page.getByTestId('profile-message')).toHaveText('Saved.');
	await page.getByRole('link', { name: '← People' }).click();
	await expect(page).toHaveURL(/\/people$/);

	// A generated password not set yet would be lost too.
	await page.goto(`/people/${target.id}`);
	await page.getByRole('button', { name: 'Generate', exact: true }).click();
	await expect(page.getByLabel('Temporary password', { exact: true })).not.toHaveValue('');
	await page.getByRole('link', { name: '← People' }).click();
	await dialog.getByRole('button', { name: 'Leave' }).click();
	await expect(page).toHaveURL(/\/people$/);

	// Creating redirects to the new person: the submission itself never asks.
	await page.goto('/people/new');
	await page.getByLabel('Name').fill(world.unique('New'));
	await page.getByLabel('Email').fill(`${world.unique('new')}@example.com`);
	await page.getByRole('link', { name: '← People' }).click();
	await dialog.getByRole('button', { name: 'Stay' }).click();
	await page.getByRole('button', { name: 'Create person' }).click();
	await expect(page).toHaveURL(/\/people\/\w+\?created$/);
	await expect(dialog).toBeHidden();
});

test('the bulk change form asks before leaving, and starting the job does not', async ({ page, world }) => {
	const admin = await world.person({ role: 'admin' });
	const group = await world.group();
	const roomId = await world.indexedRoom({ defaultAccesses: [] });
	await signIn(page, admin);
	const dialog = leaveDialog(page);

	await page.goto('/rooms/bulk/new');
	await page.getByLabel('Search (id or metadata)').fill(roomId);
	await page.getByRole('link', { name: '← Bulk changes' }).click();
	await expect(dialog).toBeVisible();
	await dialog.getByRole('button', { name: 'Stay' }).click();
	await expect(page.getByLabel('Search (id or metadata)')).toHaveValue(roomId);

	await page.getByLabel("Set a group's access").check();
	await page.getByLabel('Group id').fill(group);
	await page.getByLabel('Can edit', { exact: true }).check();
	await page.getByRole('button', { name: 'Preview' }).click();
	await expect(page.getByTestId('preview-summary')).toContainText('Of 1 room: 1 will change');
	// A preview saves nothing: leaving still asks.
	await page.getByRole('link', { name: '← Bulk changes' }).click();
	await dialog.getByRole('button', { name: 'Stay' }).click();
	await page.getByLabel(/Apply this change to 1 room/).check();
	await page.getByRole('button', { name: 'Start job' }).click();
	await expect(page).toHaveURL(/\/rooms\/bulk\/c\w+$/);
	await expect(dialog).toBeHidden();
});

test('the CSV import asks before leaving a CSV not applied', async ({ page, world }) => {
	const admin = await world.person({ role: 'admin' });
	await signIn(page, admin);
	await page.goto('/people/import');
	await page
		.getByLabel('or paste CSV text')
		.fill(`email,name\n${world.unique('csv')}@example.com,Csv Person`);
	await page.getByRole('link', { name: 'People', exact: true }).first().click();
	const dialog = leaveDialog(page);
	await expect(dialog).toBeVisible();
	await dialog.getByRole('button', { name: 'Leave' }).click();
	await expect(page).toHaveURL(/\/people$/);
});

test('Back asks too: Stay keeps the edit, Leave goes back', async ({ page, world }) => {
	const admin = await world.person({ role: 'admin' });
	const target = await world.person();
	await signIn(page, admin);
	await page.goto(`/people?q=${encodeURIComponent(target.email)}`);
	await page.getByRole('link', { name: target.name }).click();
	await expect(page).toHaveURL(new RegExp(`/people/${target.id}$`));
	await page.getByLabel('Name').fill(`${target.name} renamed`);

	const dialog = leaveDialog(page);
	await page.evaluate(() => history.back());
	await expect(dialog).toBeVisible();
	await dialog.getByRole('button', { name: 'Stay' }).click();
	await expect(page).toHaveURL(new RegExp(`/people/${target.id}$`));
	await expect(page.getByLabel('Name')).toHaveValue(`${target.name} renamed`);

	await page.evaluate(() => history.back());
	await dialog.getByRole('button', { name: 'Leave' }).click();
	await expect(page).toHaveURL(/\/people\?q=/);
});
