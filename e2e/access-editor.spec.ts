import type { Page } from '@playwright/test';
import { forgedPost } from './directory-fixtures';
import { expect, signIn, test, waitForHydrationAfterGoto } from './fixtures';

const cell = (page: Page, resource: string, label: string) =>
	page.getByRole('combobox', { name: `${resource} for ${label}`, exact: true });

async function reviewAndSave(page: Page) {
	await page.getByRole('button', { name: /^Review \d+ changes?$/ }).click();
	const dialog = page.getByRole('dialog', { name: 'Save these changes to Liveblocks?' });
	await expect(dialog).toBeVisible();
	return dialog;
}

test('an admin edits a cell, reviews the diff and saves; a member gets canWrite after reconnecting', async ({
	page,
	browser,
	world
}) => {
	// Two browser contexts, two sign-ins, a save and a reconnect: near 30 s on two busy cores.
	test.slow();
	const group = await world.group();
	const member = await world.person({ groups: [group] });
	const admin = await world.person({ role: 'admin' });
	const roomId = await world.room({ defaultAccesses: [], groupsAccesses: { [group]: ['room:read'] } });

	const memberContext = await browser.newContext();
	const memberPage = waitForHydrationAfterGoto(await memberContext.newPage());
	await signIn(memberPage, member);
	await memberPage.goto(`/rooms/${roomId}/live`);
	await expect(memberPage.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
	await expect(memberPage.getByTestId('can-write')).toHaveText('false');

	await signIn(page, admin);
	await page.goto(`/rooms/${roomId}/access`);
	const storage = cell(page, 'Storage', group);
	await expect(storage).toHaveAttribute('data-inherited', 'true');
	await storage.selectOption('write');
	await expect(storage).not.toHaveAttribute('data-inherited');

	const dialog = await reviewAndSave(page);
	await expect(dialog.getByTestId('change-list')).toHaveText(`Group ${group}: Storage inherit → write`);
	await expect(dialog.getByTestId('payload')).toContainText(`"${group}"`);
	await dialog.getByRole('button', { name: 'Save' }).click();

	const saved = page.getByTestId('saved');
	await expect(saved).toContainText('Saved to Liveblocks.');
	await expect(saved).toContainText('keep the access they joined with until they reconnect');
	expect((await world.liveblocks.getRoom(roomId)).groupsAccesses).toEqual({
		[group]: ['*:read', 'storage:write']
	});
	await expect(page.getByRole('button', { name: 'Review 0 changes' })).toBeDisabled();
	const audit = await world.db.auditEvent.findFirstOrThrow({
		where: { targetType: 'room', targetId: roomId, action: 'room.access-updated' }
	});
	expect(audit).toMatchObject({
		actorId: admin.id,
		after: { groupsAccesses: { [group]: ['*:read', 'storage:write'] } }
	});

	// Liveblocks applies access when a socket opens: the member's open room keeps read-only access.
	await expect(memberPage.getByTestId('can-write')).toHaveText('false');
	await memberPage.reload();
	await expect(memberPage.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
	await expect(memberPage.getByTestId('can-write')).toHaveText('true');
	await memberContext.close();
});

test('a save conflicting with one made in another tab is refused, shown cell by cell and resolved', async ({
	page,
	world
}) => {
	const group = await world.group();
	const admin = await world.person({ role: 'admin' });
	const roomId = await world.room({ defaultAccesses: [], groupsAccesses: { [group]: ['room:read'] } });
	await signIn(page, admin);
	await page.goto(`/rooms/${roomId}/access`);
	const otherTab = waitForHydrationAfterGoto(await page.context().newPage());
	await otherTab.goto(`/rooms/${roomId}/access`);

	await cell(otherTab, 'Room', 'Everyone signed in').selectOption('read');
	await (await reviewAndSave(otherTab)).getByRole('button', { name: 'Save' }).click();
	await expect(otherTab.getByTestId('saved')).toBeVisible();

	await cell(page, 'Comments', group).selectOption('write');
	await (await reviewAndSave(page)).getByRole('button', { name: 'Save' }).click();

	const conflict = page.getByTestId('conflict');
	await expect(conflict).toContainText('Someone changed this room');
	const defaultRow = conflict.getByRole('group', { name: 'Everyone signed in (default)' });
	await expect(defaultRow.getByRole('row', { name: /^Yours/ })).toContainText('no access');
	await expect(defaultRow.getByRole('row', { name: /^Now in Liveblocks/ })).toContainText('read');
	await expect(defaultRow.getByLabel('Keep the current one')).toBeChecked();
	await expect(
		conflict.getByRole('group', { name: `Group ${group}` }).getByLabel('Keep yours')
	).toBeChecked();
	expect((await world.liveblocks.getRoom(roomId)).groupsAccesses).toEqual({ [group]: ['room:read'] });

	await conflict.getByRole('button', { name: 'Use these choices' }).click();
	await expect(conflict).toBeHidden();
	await expect(cell(page, 'Room', 'Everyone signed in')).toHaveValue('read');
	const dialog = await reviewAndSave(page);
	await expect(dialog.getByTestId('change-list')).toHaveText(`Group ${group}: Comments inherit → write`);
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByTestId('saved')).toBeVisible();

	const room = await world.liveblocks.getRoom(roomId);
	expect(room.defaultAccesses).toEqual(['*:read']);
	expect(room.groupsAccesses).toEqual({ [group]: ['*:read', 'comments:write'] });
});

test('rows are added and removed from the keyboard, invalid rows are explained, and "why" names the rule', async ({
	page,
	world
}) => {
	const group = await world.group();
	const person = await world.person({ groups: [group], name: world.unique('Wanda') });
	const admin = await world.person({ role: 'admin' });
	const roomId = await world.room({
		defaultAccesses: ['room:read'],
		groupsAccesses: { [group]: ['room:write'] }
	});
	await signIn(page, admin);
	await page.goto(`/rooms/${roomId}/access`);

	const search = page.getByRole('combobox', { name: 'Add a group or person' });
	await search.fill(person.name);
	await expect(page.getByRole('option', { name: new RegExp(person.name) })).toBeVisible();
	await search.press('ArrowDown');
	await search.press('Enter');
	await expect(cell(page, 'Room', person.name)).toHaveValue('read');

	await cell(page, 'Room', 'Everyone signed in').selectOption('none');
	await cell(page, 'Comments', 'Everyone signed in').selectOption('write');
	await expect(page.getByText('Needs a room level (*:read or *:write).')).toBeVisible();
	await expect(page.getByRole('button', { name: /^Review/ })).toBeDisabled();
	await expect(page.getByText('Fix 1 problem before saving.')).toBeVisible();
	await cell(page, 'Comments', 'Everyone signed in').selectOption('inherit');
	await expect(page.getByText('Needs a room level (*:read or *:write).')).toBeHidden();

	// Their own entry comes last in Liveblocks' order, so its read overrides the group's write.
	await page.getByRole('button', { name: `Why: ${person.name}'s access` }).click();
	const why = page.getByTestId('why-panel');
	await expect(why.getByTestId('why-summary')).toHaveText('can join; canWrite false, canComment false');
	await expect(why.getByRole('row', { name: /^Storage/ })).toContainText('their own entry');
	await expect(why).toContainText('As saved now: can join; canWrite true, canComment true');
	await page.getByLabel(`Presets for ${person.name}`).click();
	await page.getByRole('button', { name: 'Editor', exact: true }).click();
	await expect(cell(page, 'Room', person.name)).toHaveValue('write');
	await expect(why.getByTestId('why-summary')).toHaveText('can join; canWrite true, canComment true');

	await page.getByRole('button', { name: `Remove ${group}` }).click();
	await expect(page.getByRole('combobox', { name: `Room for ${group}` })).toHaveCount(0);
	await expect(page.getByRole('button', { name: `Restore ${group}` })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(cell(page, 'Room', group)).toBeFocused();
	await page.getByRole('button', { name: `Remove ${group}` }).click();
	const dialog = await reviewAndSave(page);
	await expect(dialog.getByTestId('change-list').getByRole('listitem')).toHaveText([
		'Everyone signed in (default): Room read → no access',
		`Group ${group}: removed`,
		`${person.name}: added with Room write`
	]);
	await dialog.getByRole('button', { name: 'Keep editing' }).click();
	await expect(dialog).toBeHidden();
});

test('an admin demoted while editing is refused on save and keeps the edits on screen', async ({
	page,
	world
}) => {
	const admin = await world.person({ role: 'admin' });
	const roomId = await world.room({ defaultAccesses: ['room:read'] });
	await signIn(page, admin);
	await page.goto(`/rooms/${roomId}/access`);
	await expect(page.getByText('The default, for anyone not given more below')).toBeVisible();
	await cell(page, 'Room', 'Everyone signed in').selectOption('write');
	const dialog = await reviewAndSave(page);

	await world.db.person.update({ where: { id: admin.id }, data: { role: 'support' } });
	await dialog.getByRole('button', { name: 'Save' }).click();

	await expect(page.getByTestId('save-refused')).toHaveText(
		'Nothing was saved. This needs the admin role; you are signed in as support.'
	);
	await expect(cell(page, 'Room', 'Everyone signed in')).toHaveValue('write');
	expect((await world.liveblocks.getRoom(roomId)).defaultAccesses).toEqual(['room:read']);
});

test('support staff see the matrix read-only and cannot save it', async ({ page, world }) => {
	const support = await world.person({ role: 'support' });
	const organization = world.unique('org');
	const roomId = await world.room({ defaultAccesses: ['room:write'], organizationId: organization });
	await signIn(page, support);
	await page.goto(`/rooms/${roomId}/access`);
	// In an organization, the default row reaches only ID tokens for it.
	await expect(
		page.getByText(`Room ${roomId} in organization ${organization}, as Liveblocks has it now.`)
	).toBeVisible();
	await expect(
		page.getByText(
			`The default, for anyone whose ID token is for organization ${organization} and not given more below`
		)
	).toBeVisible();

	await expect(page.getByTestId('read-only')).toBeVisible();
	await expect(cell(page, 'Room', 'Everyone signed in')).toBeDisabled();
	await expect(page.getByRole('button', { name: /^Review/ })).toHaveCount(0);
	await expect(page.getByRole('combobox', { name: 'Add a group or person' })).toHaveCount(0);

	const loaded = JSON.stringify({ defaultAccesses: ['room:write'], groupsAccesses: {}, usersAccesses: {} });
	const response = await forgedPost(page, `/rooms/${roomId}/access?/save`, {
		loaded,
		edited: loaded.replace('room:write', '*:read')
	});
	expect(response.status()).toBe(403);
	expect((await world.liveblocks.getRoom(roomId)).defaultAccesses).toEqual(['room:write']);
});
