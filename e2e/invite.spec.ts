import { openReview } from './access-editor-steps';
import { expect, signIn, test, waitForHydrationAfterGoto } from './fixtures';

test('an admin invites a new email as a commenter; the invitee sets a password once and can comment in the room', async ({
	page,
	browser,
	world
}) => {
	// Two browser contexts, a save, a sign-up and a room join: slow on two busy cores.
	test.slow();
	const admin = await world.person({ role: 'admin' });
	const roomId = await world.indexedRoom({ defaultAccesses: [] });
	const email = `${world.unique('invitee')}@example.com`;
	const name = world.unique('Ivy');
	await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
	await signIn(page, admin);
	await page.goto(`/rooms/${roomId}/access`);

	const search = page.getByRole('combobox', { name: 'Add a group or person' });
	await search.fill(email);
	await expect(page.getByRole('option', { name: `New Invite ${email}` })).toBeVisible();
	await search.press('ArrowDown');
	await search.press('Enter');
	const row = page.locator('[data-testid="matrix-row"]', { hasText: email });
	await expect(row.getByText('Invited', { exact: true })).toBeVisible();
	await row.getByRole('textbox', { name: `Name for ${email} (optional)` }).fill(name);
	await page.getByLabel(`Presets for ${name}`).click();
	await page.getByRole('button', { name: 'Can comment', exact: true }).click();

	const dialog = await openReview(page);
	await expect(dialog.getByTestId('change-list')).toHaveText(`${name}: No entry →becomes Can comment`);
	await expect(dialog.getByTestId('review-invites')).toContainText(email);
	await dialog.getByRole('button', { name: 'Save' }).click();

	const links = page.getByTestId('invite-links');
	await expect(links).toContainText('The link is shown only now');
	await expect(links).toContainText(name);
	await links.getByRole('button', { name: 'Copy link' }).click();
	await expect(links.getByText('Copied')).toBeVisible();
	const url = await page.evaluate(() => navigator.clipboard.readText());
	expect(url).toMatch(/\/invite\/[A-Za-z0-9_-]{43}$/);
	const person = await world.db.person.findUniqueOrThrow({ where: { email } });
	expect((await world.liveblocks.getRoom(roomId)).usersAccesses).toEqual({
		[person.id]: ['*:read', 'comments:write']
	});

	const invitee = await browser.newContext();
	const inviteePage = waitForHydrationAfterGoto(await invitee.newPage());
	await inviteePage.goto(url);
	await expect(inviteePage.getByText(`You were invited as ${email}`)).toBeVisible();
	await expect(inviteePage.getByLabel('Your name')).toHaveValue(name);
	await inviteePage.getByLabel('Password', { exact: true }).fill('a long enough password');
	await inviteePage.getByLabel('Password again').fill('a long enough password');
	await inviteePage.getByRole('button', { name: 'Set password and sign in' }).click();

	await expect(inviteePage).toHaveURL(/\/me$/);
	const room = inviteePage.getByTestId('my-room').filter({ hasText: roomId });
	await expect(room).toBeVisible();
	await inviteePage.goto(`/rooms/${roomId}/live`);
	await expect(inviteePage.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
	await expect(inviteePage.getByTestId('self-id')).toHaveText(person.id);
	await expect(inviteePage.getByTestId('can-comment')).toHaveText('true');
	await expect(inviteePage.getByTestId('can-write')).toHaveText('false');
	await invitee.close();

	// The link worked once: opening it again says so, with no form.
	const again = await browser.newContext();
	const againPage = await again.newPage();
	await againPage.goto(url);
	await expect(againPage.getByTestId('invite-closed')).toContainText('This invite link was already used.');
	await expect(againPage.getByTestId('invite-closed')).toContainText('Ask an admin for a new link.');
	await expect(againPage.getByRole('button', { name: 'Set password and sign in' })).toHaveCount(0);
	await again.close();
});

test('an expired invite link says it has expired and offers no form', async ({ page, world }) => {
	const token = await world.invite({ expired: true });

	await page.goto(`/invite/${token}`);
	await expect(page.getByTestId('invite-closed')).toContainText('This invite link has expired.');
	await expect(page.getByTestId('invite-closed')).toContainText('Ask an admin for a new link.');
	await expect(page.getByLabel('Password', { exact: true })).toHaveCount(0);
});
