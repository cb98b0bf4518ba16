import { cell, openReview, saveChanges } from './access-editor-steps';
import { forgedPost } from './directory-fixtures';
import { expect, signIn, test, waitForHydrationAfterGoto } from './fixtures';

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

	const dialog = await openReview(page);
	// The review says the change in the words the audit log will ("→" is for the eye; screen readers hear "becomes").
	await expect(dialog.getByTestId('change-list')).toHaveText(
		`Group ${group}: Can view →becomes Can edit (Room: Read, Storage: Write)`
	);
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

test("a save that ran into another admin's save merges one-sided rows, asks only about a row both changed, and says who and when", async ({
	page,
	browser,
	world
}) => {
	// Two browser contexts, two sign-ins and two saves: near 30 s on two busy cores.
	test.slow();
	const [design, ops] = [await world.group(), await world.group()];
	const admin = await world.person({ role: 'admin' });
	const other = await world.person({ role: 'admin', name: world.unique('Olga') });
	const roomId = await world.room({
		defaultAccesses: [],
		groupsAccesses: { [design]: ['room:read'], [ops]: ['room:read'] }
	});
	await signIn(page, admin);
	await page.goto(`/rooms/${roomId}/access`);

	// Meanwhile another admin opens the room and saves: the default row, and design's storage.
	const otherContext = await browser.newContext();
	const otherPage = waitForHydrationAfterGoto(await otherContext.newPage());
	await signIn(otherPage, other);
	await otherPage.goto(`/rooms/${roomId}/access`);
	await cell(otherPage, 'Room', 'Everyone signed in').selectOption('read');
	await cell(otherPage, 'Storage', design).selectOption('read');
	await saveChanges(otherPage);
	await otherContext.close();

	await cell(page, 'Comments', ops).selectOption('write');
	await cell(page, 'Storage', design).selectOption('write');
	await (await openReview(page)).getByRole('button', { name: 'Save' }).click();

	const conflict = page.getByTestId('conflict');
	await expect(
		conflict.getByRole('heading', { name: "Someone changed this room's access since you opened it" })
	).toBeFocused();
	const who = conflict.getByTestId('other-change');
	await expect(who).toContainText(`Saved in Gatehouse by ${other.name}, on`);
	await expect(who.locator('time')).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$/);
	await expect(who).toContainText('(just now)');

	// Each side's own rows are merged without asking.
	await expect(conflict.getByTestId('merged-yours')).toContainText(
		`Group ${ops}: Can view →becomes Can comment`
	);
	await expect(conflict.getByTestId('merged-theirs')).toContainText(
		'Everyone signed in (default): No access →becomes Can view'
	);
	// Only the row both changed asks, showing what you loaded, your edit and Liveblocks now.
	await expect(conflict.getByTestId('contested')).toHaveCount(1);
	const designRow = conflict.getByRole('group', { name: `Group ${design}` });
	await expect(designRow.getByRole('columnheader')).toHaveText([
		'Permission',
		'You loaded',
		'Your edit',
		'Liveblocks now'
	]);
	await expect(designRow.getByRole('row', { name: /^Access/ }).getByRole('cell')).toHaveText([
		'Can view',
		'Can edit (Room: Read, Storage: Write)',
		'Can view (Room: Read, Storage: Read)'
	]);
	await expect(designRow.getByRole('row', { name: /^Storage/ }).getByRole('cell')).toHaveText([
		'Inherits (Read)',
		'Write',
		'Read'
	]);
	await expect(designRow.getByRole('radio', { checked: true })).toHaveCount(0);

	// On a phone the view fits the screen.
	await page.setViewportSize({ width: 390, height: 844 });
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await page.setViewportSize({ width: 1280, height: 800 });

	// Nothing is taken without a choice; the choice is made from the keyboard.
	await conflict.getByRole('button', { name: 'Use this merge' }).click();
	await expect(conflict.getByRole('alert')).toHaveText(
		'Choose a version for every row changed on both sides first.'
	);
	await expect(designRow.getByLabel('Keep your edit')).toBeFocused();
	await page.keyboard.press('Space');
	await expect(designRow.getByLabel('Keep your edit')).toBeChecked();
	await conflict.getByRole('button', { name: 'Use this merge' }).click();

	// The merge is back in the grid, not saved until reviewed.
	await expect(conflict).toBeHidden();
	await expect(page.getByTestId('merged-notice')).toContainText('Nothing is saved yet');
	await expect(cell(page, 'Room', 'Everyone signed in')).toHaveValue('read');
	expect((await world.liveblocks.getRoom(roomId)).groupsAccesses).toEqual({
		[design]: ['*:read', 'storage:read'],
		[ops]: ['room:read']
	});
	const dialog = await openReview(page);
	const changes = dialog.getByTestId('change-list').getByRole('listitem');
	await expect(changes).toHaveCount(2);
	await expect(changes.filter({ hasText: `Group ${design}` })).toHaveText(
		`Group ${design}: Can view (Room: Read, Storage: Read) →becomes Can edit (Room: Read, Storage: Write)`
	);
	await expect(changes.filter({ hasText: `Group ${ops}` })).toHaveText(
		`Group ${ops}: Can view →becomes Can comment`
	);
	await dialog.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByTestId('saved')).toBeVisible();

	const room = await world.liveblocks.getRoom(roomId);
	expect(room.defaultAccesses).toEqual(['*:read']);
	expect(room.groupsAccesses).toEqual({
		[design]: ['*:read', 'storage:write'],
		[ops]: ['*:read', 'comments:write']
	});
});

test('a change made in Liveblocks directly is named as outside Gatehouse, and a merge with no choice is still reviewed', async ({
	page,
	world
}) => {
	const group = await world.group();
	const admin = await world.person({ role: 'admin' });
	const roomId = await world.room({ defaultAccesses: [], groupsAccesses: { [group]: ['room:read'] } });
	await signIn(page, admin);
	await page.goto(`/rooms/${roomId}/access`);
	await world.liveblocks.updateRoom(roomId, { defaultAccesses: ['*:read'] });

	await cell(page, 'Comments', group).selectOption('write');
	await (await openReview(page)).getByRole('button', { name: 'Save' }).click();

	const conflict = page.getByTestId('conflict');
	await expect(conflict.getByTestId('other-change')).toContainText(
		'It was changed outside Gatehouse (in Liveblocks directly)'
	);
	await expect(conflict.getByTestId('contested')).toHaveCount(0);
	await expect(conflict.getByTestId('merged-automatically')).toContainText(
		'Everyone signed in (default): No access →becomes Can view'
	);
	await conflict.getByRole('button', { name: 'Use this merge' }).click();
	await expect(page.getByTestId('merged-notice')).toBeFocused();
	expect((await world.liveblocks.getRoom(roomId)).groupsAccesses).toEqual({ [group]: ['room:read'] });

	const dialog = await openReview(page);
	await expect(dialog.getByTestId('change-list')).toHaveText(`Group ${group}: Can view →becomes Can comment`);
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
	await page.getByRole('button', { name: `Why does ${person.name} have this access?` }).click();
	const why = page.getByTestId('why-panel');
	await expect(why.getByRole('heading', { name: 'Why does someone have this access?' })).toBeFocused();
	await expect(why.getByTestId('why-summary')).toHaveText('Can view');
	await expect(why.getByTestId('why-self').getByRole('listitem')).toHaveText([
		'Can edit storage: no',
		'Can comment: no'
	]);
	await expect(why.getByRole('row', { name: /^Storage/ })).toContainText('Read');
	await expect(why.getByRole('row', { name: /^Storage/ })).toContainText('Own entry');
	await expect(why.getByTestId('why-saved')).toHaveText(
		'As saved now: Can edit (Can edit storage: yes, Can comment: yes).'
	);
	await page.getByLabel(`Presets for ${person.name}`).click();
	// The preset menu names rows as the new room page and bulk changes do.
	await expect(page.getByRole('button', { name: /^Can / })).toHaveText([
		'Can view',
		'Can comment',
		'Can edit'
	]);
	await page.getByRole('button', { name: 'Can edit', exact: true }).click();
	await expect(cell(page, 'Room', person.name)).toHaveValue('write');
	await expect(why.getByTestId('why-summary')).toHaveText('Can edit');

	await page.getByRole('button', { name: `Remove ${group}` }).click();
	await expect(page.getByRole('combobox', { name: `Room for ${group}` })).toHaveCount(0);
	await expect(page.getByRole('button', { name: `Restore ${group}` })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(cell(page, 'Room', group)).toBeFocused();
	await page.getByRole('button', { name: `Remove ${group}` }).click();
	const dialog = await openReview(page);
	await expect(dialog.getByTestId('change-list').getByRole('listitem')).toHaveText([
		'Everyone signed in (default): Can view →becomes No access',
		`Group ${group}: Can edit →becomes Removed`,
		`${person.name}: No entry →becomes Can edit`
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
	const dialog = await openReview(page);

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

	await expect(page.getByTestId('read-only')).toContainText(
		'You are viewing this read-only. Only admins change who has access'
	);
	// Values read as text, not as disabled controls.
	const grid = page.getByRole('grid', { name: 'Access matrix' });
	await expect(grid).toHaveAttribute('aria-readonly', 'true');
	await expect(grid.locator('[data-row="default"] [data-cell="room"]')).toHaveText('Write');
	await expect(grid.locator('[data-row="default"] [data-cell="storage"]')).toHaveText('Inherits (Write)');
	await expect(grid.getByRole('combobox')).toHaveCount(0);
	await expect(page.locator(':disabled')).toHaveCount(0);
	await expect(page.getByRole('button', { name: /^Review/ })).toHaveCount(0);
	await expect(page.getByRole('button', { name: /^Presets for|^Remove/ })).toHaveCount(0);
	await expect(page.getByRole('combobox', { name: 'Add a group or person' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Delete room' })).toHaveCount(0);
	// Support can still ask why.
	await page.getByRole('button', { name: 'Why does Everyone signed in have this access?' }).click();
	await expect(page.getByTestId('why-summary')).toHaveText('Can edit');

	const loaded = JSON.stringify({ defaultAccesses: ['room:write'], groupsAccesses: {}, usersAccesses: {} });
	const response = await forgedPost(page, `/rooms/${roomId}/access?/save`, {
		loaded,
		edited: loaded.replace('room:write', '*:read')
	});
	expect(response.status()).toBe(403);
	expect((await world.liveblocks.getRoom(roomId)).defaultAccesses).toEqual(['room:write']);
});

test('inherited cells show the level they resolve to, apart from set cells, as the legend says', async ({
	page,
	world
}) => {
	const group = await world.group();
	const admin = await world.person({ role: 'admin' });
	const roomId = await world.room({
		defaultAccesses: ['room:read'],
		groupsAccesses: { [group]: ['room:write', 'comments:read', 'room:presence:write'] }
	});
	await signIn(page, admin);
	await page.goto(`/rooms/${roomId}/access`);

	// Legacy presence reads in words too; the scope itself only shows to whoever hovers.
	const who = page.locator(`[data-row="group:${group}"] th`);
	await expect(who.getByText('Can share presence (legacy)')).toHaveAttribute('title', /room:presence:write/);
	await expect(who).not.toContainText('room:presence:write');
	await expect(
		who.getByRole('button', { name: `Drop Can share presence (legacy) from ${group}` })
	).toHaveCount(1);

	const legend = page.getByTestId('grid-legend');
	await expect(legend).toContainText('A solid cell is set by its row.');
	await expect(legend).toContainText('A dashed cell is left to the rules before it');
	const shown = (resource: string, label: string) => cell(page, resource, label).locator('option:checked');

	await expect(shown('Storage', 'Everyone signed in')).toHaveText('Inherits (Read)');
	// A group's inherited cell resolves as for a member of only that group: its room level here.
	await expect(shown('Storage', group)).toHaveText('Inherits (Write)');
	await expect(cell(page, 'Storage', group)).toHaveAttribute('data-inherited', 'true');
	await expect(cell(page, 'Storage', group)).toHaveCSS('border-style', 'dashed');
	await expect(shown('Comments', group)).toHaveText('Read');
	await expect(cell(page, 'Comments', group)).not.toHaveAttribute('data-inherited');
	await expect(cell(page, 'Comments', group)).not.toHaveCSS('border-style', 'dashed');
	// Comment visibilities inherit the row's comments level.
	await expect(shown('Public comments', group)).toHaveText('Inherits (Read)');

	await cell(page, 'Room', group).selectOption('read');
	await expect(shown('Storage', group)).toHaveText('Inherits (Read)');
});

test('"Why?" on a group row explains what a member of only that group gets, rule by rule', async ({
	page,
	world
}) => {
	const group = await world.group();
	const admin = await world.person({ role: 'admin' });
	const roomId = await world.room({
		defaultAccesses: ['room:read', 'comments:write'],
		groupsAccesses: { [group]: ['room:write', 'comments:read'] }
	});
	await signIn(page, admin);
	await page.goto(`/rooms/${roomId}/access`);

	await page.getByRole('button', { name: `Why does ${group} have this access?` }).click();
	const why = page.getByTestId('why-panel');
	await expect(why.getByTestId('why-who')).toContainText(
		`A member of group ${group}, in no other group here and with no entry of their own: Can edit.`
	);
	await expect(why.getByTestId('why-self').getByRole('listitem')).toHaveText([
		'Can edit storage: yes',
		'Can comment: no'
	]);
	await expect(why.getByRole('row', { name: /^Storage/ })).toContainText(`Write`);
	await expect(why.getByRole('row', { name: /^Storage/ })).toContainText(`Group ${group}`);
	await expect(why.getByRole('row', { name: /^Comments/ })).toContainText(`Read`);
	await expect(why.getByRole('row', { name: /^Comments/ })).toContainText(`Group ${group}`);
	await expect(why).not.toContainText('canWrite');

	// It follows the edit, and says what the saved version gives.
	await cell(page, 'Room', group).selectOption('read');
	await expect(why.getByTestId('why-summary')).toHaveText('Can view');
	await expect(why.getByTestId('why-saved')).toHaveText(
		'As saved now: Can edit (Can edit storage: yes, Can comment: no).'
	);
});

test('the grid is one Tab stop; arrow keys, Home and End move between cells, typing picks a level', async ({
	page,
	world
}) => {
	const group = await world.group();
	const admin = await world.person({ role: 'admin' });
	const roomId = await world.room({
		defaultAccesses: ['room:read'],
		groupsAccesses: { [group]: ['room:read'] }
	});
	await signIn(page, admin);
	await page.goto(`/rooms/${roomId}/access`);
	const grid = page.getByRole('grid', { name: 'Access matrix' });
	const rowHeader = (name: string) => grid.getByRole('rowheader', { name: new RegExp(`^${name}`) });

	await page.getByRole('combobox', { name: 'Add a group or person' }).focus();
	await page.keyboard.press('Tab');
	await expect(rowHeader('Everyone signed in')).toBeFocused();
	// The app's one focus ring (src/app.css), on cells as on every control.
	await expect(rowHeader('Everyone signed in')).toHaveCSS('outline-width', '2px');

	await page.keyboard.press('ArrowRight');
	await expect(cell(page, 'Room', 'Everyone signed in')).toBeFocused();
	await page.keyboard.press('ArrowDown');
	await expect(cell(page, 'Room', group)).toBeFocused();
	// The arrow moved focus; it did not change the level.
	await expect(cell(page, 'Room', group)).toHaveValue('read');
	await page.keyboard.press('ArrowRight');
	await expect(cell(page, 'Storage', group)).toBeFocused();
	await expect(cell(page, 'Storage', group)).toHaveCSS('outline-width', '2px');
	await expect(cell(page, 'Storage', group)).toHaveCSS('outline-style', 'solid');
	await page.keyboard.press('w');
	await expect(cell(page, 'Storage', group)).toHaveValue('write');
	await page.keyboard.press('End');
	await expect(grid.getByRole('button', { name: `Remove ${group}` })).toBeFocused();
	await page.keyboard.press('ArrowLeft');
	await expect(grid.getByRole('button', { name: `Why does ${group} have this access?` })).toBeFocused();
	await page.keyboard.press('Home');
	await expect(rowHeader(group)).toBeFocused();
	await page.keyboard.press('ArrowUp');
	await page.keyboard.press('ArrowUp');
	await expect(rowHeader('Everyone signed in')).toBeFocused();
	await page.keyboard.press('Control+End');
	await expect(grid.getByRole('button', { name: `Remove ${group}` })).toBeFocused();

	// One Tab leaves the grid; Shift+Tab comes back to the cell left.
	await page.keyboard.press('Tab');
	await expect(page.getByRole('button', { name: 'Review 1 change' })).toBeFocused();
	await page.keyboard.press('Shift+Tab');
	await expect(grid.getByRole('button', { name: `Remove ${group}` })).toBeFocused();
	await page.keyboard.press('Shift+Tab');
	await expect(page.getByRole('combobox', { name: 'Add a group or person' })).toBeFocused();
	await expect(grid.locator('[tabindex="0"]')).toHaveCount(1);
});
