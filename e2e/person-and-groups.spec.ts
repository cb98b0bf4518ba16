import { expect, signIn, signOut, test } from './fixtures';
import { forgedPost, shownIdentity } from './directory-fixtures';

test('an admin creates a person, adds them to a group through the picker, and their identity follows', async ({
	page,
	world
}) => {
	test.slow(); // creates a person and a group, then walks both through seven pages
	const admin = await world.person({ role: 'admin' });
	const tag = world.unique('t');
	const existing = await world.person({ name: `Amy ${tag}` });
	await signIn(page, admin);

	// A duplicate email is a field error, and nothing typed is lost.
	await page.goto('/people/new');
	await page.getByLabel('Name').fill(`Zed ${tag}`);
	await page.getByLabel('Email').fill(` ${existing.email.toUpperCase()} `);
	await page.getByLabel('Avatar URL (optional)').fill('https://example.com/zed.png');
	await page.getByLabel('Colour (optional)').fill('#c026d3');
	await page.getByRole('button', { name: 'Create person' }).click();
	await expect(page.getByText('That email is taken: another person already has it.')).toBeVisible();
	await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');
	await expect(page.getByLabel('Name')).toHaveValue(`Zed ${tag}`);
	await expect(page.getByLabel('Avatar URL (optional)')).toHaveValue('https://example.com/zed.png');

	await page.getByLabel('Email').fill(`zed-${tag}@example.com`);
	await page.getByRole('button', { name: 'Create person' }).click();
	await expect(page.getByTestId('created-notice')).toBeVisible();
	const personUrl = page.url().replace(/\?.*$/, '');
	const personId = personUrl.split('/').at(-1)!;
	expect(await shownIdentity(page)).toEqual({
		userId: personId,
		groupIds: [],
		userInfo: { name: `Zed ${tag}`, avatar: 'https://example.com/zed.png', color: '#c026d3' }
	});

	// A new group: the id is suggested from the name.
	await page.goto('/groups/new');
	await page.getByLabel('Name').fill(`Reviewers ${tag}`);
	await expect(page.getByLabel('Id')).toHaveValue(`reviewers-${tag}`);
	await page.getByRole('button', { name: 'Create group' }).click();
	await expect(page).toHaveURL(new RegExp(`/groups/reviewers-${tag}\\?created$`));
	await expect(page.getByTestId('no-members')).toBeVisible();

	// The picker, by keyboard only.
	const picker = page.getByRole('combobox', { name: 'People to add' });
	await picker.focus();
	await page.keyboard.type(tag);
	const options = page.getByRole('listbox', { name: 'Matching people' }).getByRole('option');
	await expect(options).toHaveCount(2);
	await expect(options.nth(0)).toContainText(`Amy ${tag}`);
	await expect(options.nth(0)).toHaveAttribute('aria-selected', 'true');
	await page.keyboard.press('ArrowDown');
	await expect(options.nth(1)).toHaveAttribute('aria-selected', 'true');
	await expect(picker).toHaveAttribute('aria-activedescendant', (await options.nth(1).getAttribute('id'))!);
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('picked-people')).toContainText(`Zed ${tag}`);
	await expect(picker).toHaveValue('');
	await page.keyboard.type(tag);
	await expect(options).toHaveCount(1); // Zed is chosen already
	await page.keyboard.press('Escape');
	await expect(picker).toHaveAttribute('aria-expanded', 'false');
	await page.getByRole('button', { name: 'Add to group' }).click();
	await expect(page.getByTestId('add-message')).toHaveText('Added 1 person to the group.');
	await expect(page.getByTestId('members')).toContainText(`zed-${tag}@example.com`);
	await expect(page.getByTestId('member-count')).toHaveText('1 member');

	await page.goto(personUrl);
	expect((await shownIdentity(page)).groupIds).toEqual([`reviewers-${tag}`]);
	await expect(
		page.getByTestId('person-groups').getByRole('link', { name: `Reviewers ${tag}` })
	).toBeVisible();

	// Removing them again, from the group's member table.
	await page
		.getByTestId('person-groups')
		.getByRole('link', { name: `Reviewers ${tag}` })
		.click();
	await page.getByRole('checkbox', { name: `Select Zed ${tag}` }).check();
	// It asks first; Cancel changes nothing and gives the keyboard its place back.
	const removeSelected = page.getByRole('button', { name: 'Remove 1 selected person…' });
	await removeSelected.click();
	const question = page.getByRole('alertdialog');
	await expect(question).toContainText(`Remove 1 person from Reviewers ${tag}?`);
	await expect(question.getByRole('button', { name: 'Yes, remove 1 person' })).toBeFocused();
	await question.getByRole('button', { name: 'Cancel' }).click();
	await expect(question).toHaveCount(0);
	await expect(removeSelected).toBeFocused();
	await expect(page.getByTestId('members')).toContainText(`zed-${tag}@example.com`);
	expect(await world.db.groupMembership.count({ where: { groupId: `reviewers-${tag}` } })).toBe(1);
	// Escape closes it too; then by keyboard alone: Enter asks, Enter confirms.
	await page.keyboard.press('Enter');
	await expect(question).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(question).toHaveCount(0);
	await expect(removeSelected).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(question.getByRole('button', { name: 'Yes, remove 1 person' })).toBeFocused();
	await page.keyboard.press('Enter');
	await expect(page.getByTestId('remove-message')).toHaveText('Removed 1 person from the group.');
	await expect(page.getByTestId('no-members')).toBeVisible();
	await page.goto(personUrl);
	expect((await shownIdentity(page)).groupIds).toEqual([]);

	const audit = await world.db.auditEvent.findMany({
		where: { targetId: personId, actorId: admin.id },
		orderBy: { id: 'asc' }
	});
	expect(audit.map((event) => event.action)).toEqual([
		'person.created',
		'membership.added',
		'membership.removed'
	]);
});

test('without JavaScript, people are added by email and unknown emails change nothing', async ({
	browser,
	world
}) => {
	const admin = await world.person({ role: 'admin' });
	const member = await world.person();
	const groupId = await world.group();
	const context = await browser.newContext({ javaScriptEnabled: false });
	const page = await context.newPage();
	await signIn(page, admin, '/signin');
	await page.goto(`/groups/${groupId}`);

	const emails = page.getByLabel('People to add');
	await emails.fill(`${member.email}\nnobody-${groupId}@example.com`);
	await page.getByRole('button', { name: 'Add to group' }).click();
	await expect(
		page.getByText(`No one has this email: nobody-${groupId}@example.com. Nobody was added.`)
	).toBeVisible();
	await expect(emails).toHaveValue(`${member.email}\nnobody-${groupId}@example.com`);
	expect(await world.db.groupMembership.count({ where: { groupId } })).toBe(0);

	await emails.fill(member.email.toUpperCase());
	await page.getByRole('button', { name: 'Add to group' }).click();
	await expect(page.getByTestId('add-message')).toHaveText('Added 1 person to the group.');
	await expect(page.getByTestId('members')).toContainText(member.email);

	// Without JavaScript there is no question to show: ticking and Remove post at once.
	await page.getByRole('checkbox', { name: `Select ${member.name}` }).check();
	await page.getByRole('button', { name: 'Remove selected' }).click();
	await expect(page.getByTestId('remove-message')).toHaveText('Removed 1 person from the group.');
	expect(await world.db.groupMembership.count({ where: { groupId } })).toBe(0);
	await context.close();
});

test('support sees person and group pages read-only, and the server refuses their writes', async ({
	page,
	world
}) => {
	test.slow(); // reads six pages, then forges ten posts
	const support = await world.person({ role: 'support' });
	const groupId = await world.group();
	const target = await world.person({ groups: [groupId] });
	await world.db.person.update({ where: { id: target.id }, data: { color: '#1d4ed8' } });
	await world.db.group.update({ where: { id: groupId }, data: { description: 'Reviews every design' } });
	await signIn(page, support);
	// A read-only view shows values as text: nothing to fill in, nothing greyed out.
	const term = (name: string, value: string) =>
		new RegExp(`${name}\\s*${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);
	const disabledControls = page.locator(
		'button:disabled, input:disabled, select:disabled, textarea:disabled'
	);

	await page.goto(`/people/${target.id}`);
	await expect(page.getByTestId('read-only')).toHaveText(
		'You are viewing this read-only. Only admins can change it.'
	);
	const profile = page.getByTestId('profile');
	await expect(profile).toContainText(term('Name', target.name));
	await expect(profile).toContainText(term('Email', target.email));
	await expect(profile).toContainText(term('Role', 'member'));
	await expect(profile).toContainText(term('Colour', '#1d4ed8'));
	await expect(page.getByTestId('sign-in-methods')).toHaveText('Signs in with email + password.');
	await expect(page.getByRole('textbox')).toHaveCount(0);
	await expect(disabledControls).toHaveCount(0);
	for (const name of ['Save profile', 'Deactivate…', 'Generate', 'Set this password']) {
		await expect(page.getByRole('button', { name, exact: true })).toHaveCount(0);
	}
	await expect(page.getByRole('heading', { name: `Delete ${target.name}` })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'Delete…' })).toHaveCount(0);
	expect((await shownIdentity(page)).groupIds).toEqual([groupId]);

	await page.goto(`/groups/${groupId}`);
	await expect(page.getByTestId('read-only')).toBeVisible();
	const details = page.getByTestId('group-details');
	await expect(details).toContainText(term('Id', groupId));
	await expect(details).toContainText(term('Description', 'Reviews every design'));
	await expect(page.getByTestId('members')).toContainText(target.email);
	await expect(page.getByRole('textbox')).toHaveCount(0);
	await expect(page.getByRole('checkbox')).toHaveCount(0);
	await expect(disabledControls).toHaveCount(0);
	for (const name of ['Save details', 'Add to group', 'Remove selected']) {
		await expect(page.getByRole('button', { name })).toHaveCount(0);
	}
	await expect(page.getByRole('heading', { name: 'Delete this group' })).toHaveCount(0);

	// Typed in by hand, the admin-only pages say so instead of offering a form.
	for (const path of [
		'/people/new',
		'/groups/new',
		`/people/${target.id}/delete`,
		`/groups/${groupId}/delete`
	]) {
		await page.goto(path);
		await expect(page.getByTestId('read-only'), path).toBeVisible();
		await expect(page.locator('main form'), path).toHaveCount(0);
		await expect(disabledControls, path).toHaveCount(0);
	}

	for (const [path, fields] of [
		[`/people/${target.id}?/deactivate`, {}],
		[`/people/${target.id}?/profile`, { name: 'Hacked', email: target.email, role: 'admin' }],
		[`/people/${target.id}?/generatePassword`, {}],
		[`/people/${target.id}?/setPassword`, { password: 'a forged password' }],
		[`/people/${target.id}/delete`, {}],
		[`/groups/${groupId}?/remove`, { personIds: target.id }],
		[`/groups/${groupId}?/details`, { name: 'Hacked' }],
		[`/groups/${groupId}/delete`, {}],
		['/groups/new', { id: `forged-${groupId}`, name: 'Forged' }],
		['/people/new', { name: 'Forged', email: `forged-${groupId}@example.com` }]
	] as const) {
		const response = await forgedPost(page, path, fields);
		expect(response.status(), path).toBe(403);
	}
	const after = await world.db.person.findUniqueOrThrow({ where: { id: target.id } });
	expect(after).toMatchObject({
		name: target.name,
		status: 'active',
		role: 'member',
		mustChangePassword: false
	});
	expect(await world.db.groupMembership.count({ where: { groupId } })).toBe(1);
	expect(await world.db.group.count({ where: { id: { in: [groupId, `forged-${groupId}`] } } })).toBe(1);
	expect(await world.db.auditEvent.count({ where: { actorId: support.id } })).toBe(0);
});

test('delete confirmations name what will be lost', async ({ page, world }) => {
	const admin = await world.person({ role: 'admin' });
	const [first, second] = [await world.group(), await world.group()];
	const target = await world.person({ groups: [first, second] });
	const bystander = await world.person({ groups: [first] });
	await signIn(page, admin);

	await page.goto(`/people/${target.id}`);
	await page.getByRole('link', { name: 'Delete…' }).click();
	const lost = page.getByTestId('what-is-lost');
	await expect(lost).toContainText('2 group memberships');
	await expect(lost).toContainText(first);
	await expect(lost).toContainText('their password');
	await expect(lost).toContainText('Their audit trail stays');
	await page.getByRole('button', { name: `Delete ${target.name}` }).click();
	await expect(page).toHaveURL(/\/people$/);
	expect(await world.db.person.count({ where: { id: target.id } })).toBe(0);

	const roomId = await world.room({ defaultAccesses: [], groupsAccesses: { [first]: ['room:write'] } });
	await page.goto(`/rooms/${roomId}/live`); // opening a room puts it in the index
	await page.goto(`/groups/${first}`);
	await page.getByRole('link', { name: 'Delete group…' }).click();
	await expect(page.getByTestId('what-is-lost')).toContainText('1 member loses this group');
	const referencing = page.getByTestId('referencing-rooms');
	await expect(referencing).toContainText(`1 room has an entry for the group ${first}`);
	await expect(referencing.getByRole('link', { name: roomId })).toBeVisible();
	await expect(referencing.getByRole('checkbox', { name: /Also remove these entries/ })).toBeChecked();
	await page.getByRole('button', { name: `Delete ${first}` }).click();
	// The entry goes too, as a bulk job whose progress the admin watches.
	await expect(page.getByTestId('job-status')).toHaveText('Finished');
	await expect(page.getByTestId('counts')).toContainText('1 changed');
	expect((await world.liveblocks.getRoom(roomId)).groupsAccesses).toEqual({});
	expect(await world.db.groupMembership.count({ where: { personId: bystander.id } })).toBe(0);
});

test('an admin edits a profile and deactivates and reactivates a person', async ({ page, world }) => {
	const admin = await world.person({ role: 'admin' });
	const target = await world.person();
	await signIn(page, admin);
	await page.goto(`/people/${target.id}`);

	await page.getByLabel('Name').fill(`${target.name} Renamed`);
	await page.getByLabel('Colour (optional)').fill('blue');
	await page.getByRole('button', { name: 'Save profile' }).click();
	await expect(page.getByText('Use a colour like #1d4ed8')).toBeVisible();
	await expect(page.getByLabel('Name')).toHaveValue(`${target.name} Renamed`);
	await page.getByLabel('Colour (optional)').fill('#1d4ed8');
	await page.getByRole('button', { name: 'Save profile' }).click();
	await expect(page.getByTestId('profile-message')).toHaveText('Saved.');
	expect((await shownIdentity(page)).userInfo).toEqual({ name: `${target.name} Renamed`, color: '#1d4ed8' });

	await page.getByRole('button', { name: 'Deactivate…' }).click();
	await page.getByRole('button', { name: 'Yes, deactivate' }).click();
	await expect(page.getByTestId('person-status')).toHaveText('deactivated');
	await page.getByRole('button', { name: 'Reactivate' }).click();
	await expect(page.getByTestId('person-status')).toHaveText('active');
	const actions = await world.db.auditEvent.findMany({
		where: { targetId: target.id, actorId: admin.id },
		orderBy: { id: 'asc' }
	});
	expect(actions.map((event) => event.action)).toEqual([
		'person.updated',
		'person.deactivated',
		'person.reactivated'
	]);
});

test('an admin cannot deactivate, demote or delete themselves', async ({ page, world }) => {
	const admin = await world.person({ role: 'admin' });
	await signIn(page, admin);
	await page.goto(`/people/${admin.id}`);
	// Said in words where the button would be, rather than a button that does nothing.
	await expect(page.getByRole('button', { name: 'Deactivate' })).toHaveCount(0);
	await expect(page.getByText('You cannot deactivate yourself.')).toBeVisible();
	await expect(page.getByRole('link', { name: 'Delete…' })).toHaveCount(0);
	await expect(page.getByText('You cannot delete yourself.')).toBeVisible();
	await page.getByLabel('Role').selectOption('member');
	await page.getByRole('button', { name: 'Save profile' }).click();
	await expect(page.getByText('You cannot remove your own admin role. Another admin can.')).toBeVisible();
	expect((await forgedPost(page, `/people/${admin.id}?/deactivate`)).status()).toBe(400);
	expect((await forgedPost(page, `/people/${admin.id}/delete`)).status()).toBe(400);
	expect(await world.db.person.findUniqueOrThrow({ where: { id: admin.id } })).toMatchObject({
		role: 'admin',
		status: 'active'
	});
});

test('a generated temporary password is only set when confirmed, stays shown with Copy, and forces a change', async ({
	page,
	world
}) => {
	const admin = await world.person({ role: 'admin' });
	const target = await world.person();
	const hashOf = async () =>
		(await world.db.person.findUniqueOrThrow({ where: { id: target.id } })).passwordHash;
	const original = await hashOf();
	await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
	await signIn(page, admin);
	await page.goto(`/people/${target.id}`);

	// Generate fills the field, in clear, and sets nothing.
	const field = page.getByLabel('Temporary password', { exact: true });
	await page.getByRole('button', { name: 'Generate', exact: true }).click();
	await expect(field).toHaveValue(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
	await expect(field).toHaveAttribute('type', 'text');
	const temporary = await field.inputValue();
	expect(await hashOf()).toBe(original);
	await expect(page.getByTestId('sign-in-methods')).not.toContainText('must change');

	await page.getByRole('button', { name: 'Copy the temporary password' }).click();
	await expect(page.getByText('Copied')).toBeVisible();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(temporary);

	// Set on confirmation; it stays on screen, with Copy, while the field empties.
	await page.getByRole('button', { name: 'Set this password' }).click();
	const set = page.getByTestId('password-set');
	await expect(set).toContainText(`Temporary password set for ${target.name}`);
	await expect(set.getByTestId('set-password')).toHaveText(temporary);
	await expect(page.getByTestId('sign-in-methods')).toContainText('must change their temporary password');
	expect(await hashOf()).not.toBe(original);
	await expect(field).toHaveValue('');
	await page.evaluate(() => navigator.clipboard.writeText(''));
	await set.getByRole('button', { name: 'Copy the password set' }).click();
	expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(temporary);

	// An empty field is an error next to it, and hides nothing.
	await page.getByRole('button', { name: 'Set this password' }).click();
	await expect(page.getByText('Type a temporary password, or use Generate to make one')).toBeVisible();
	await expect(field).toHaveAttribute('aria-invalid', 'true');
	await expect(set.getByTestId('set-password')).toHaveText(temporary);
	const afterSet = await hashOf();

	await page.reload();
	await expect(page.getByTestId('password-set')).toHaveCount(0);
	expect(await hashOf()).toBe(afterSet);
	await signOut(page);

	await signIn(page, { email: target.email, password: temporary });
	await expect(page).toHaveURL(/\/account\/password\?redirectTo=%2F$/);
	await expect(page.getByTestId('must-change')).toBeVisible();
	await page.goto('/me');
	await expect(page).toHaveURL(/\/account\/password\?redirectTo=%2Fme$/);
	await page.getByLabel('Current password').fill(temporary);
	await page.getByLabel('New password', { exact: true }).fill('a password of my own');
	await page.getByLabel('New password again').fill('a password of my own');
	await page.getByRole('button', { name: 'Change password' }).click();
	await expect(page.getByTestId('form-message')).toContainText('Your password is changed.');
	await expect(page.getByTestId('must-change')).toHaveCount(0);
	await page.getByRole('link', { name: 'Continue' }).click();
	await expect(page).toHaveURL(/\/me$/);
	await expect(page.getByTestId('identity')).toContainText(target.id);
});
