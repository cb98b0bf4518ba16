import { expect, signIn, test, waitForHydrationAfterGoto } from './fixtures';

test('a missing page keeps the app around it: navigation, Sign out and a way back', async ({
	page,
	world
}) => {
	const admin = await world.person({ role: 'admin' });
	await signIn(page, admin);
	const response = await page.goto('/people/no-such-person');
	expect(response?.status()).toBe(404);
	await expect(page.getByTestId('error-message')).toHaveText(
		'There is no such person. They may have been deleted.'
	);
	await expect(page.getByText('Error 404: Not found')).toBeVisible();
	await expect(
		page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' })
	).toBeVisible();
	await page.getByRole('button', { name: /^Account menu/ }).click();
	await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeVisible();
	await page.keyboard.press('Escape');
	await page.getByRole('link', { name: 'Go to your start page' }).click();
	await expect(page.getByTestId('error-message')).toHaveCount(0);
});

test('an address no page matches is a 404 inside the app too', async ({ page, world }) => {
	const support = await world.person({ role: 'support' });
	await signIn(page, support);
	expect((await page.goto('/no/such/page'))?.status()).toBe(404);
	await expect(page.getByTestId('error-message')).toHaveText('There is no page at this address.');
	await expect(
		page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Rooms' })
	).toBeVisible();
});

test('signed out, an address no page matches asks to sign in first', async ({ page }) => {
	await page.goto('/no/such/page');
	await expect(page).toHaveURL(/\/signin\?redirectTo=/);
});

test('a refused page keeps the app around it too', async ({ page, world }) => {
	const member = await world.person();
	await signIn(page, member);
	expect((await page.goto('/people'))?.status()).toBe(403);
	await expect(page.getByText('Error 403: Not allowed')).toBeVisible();
	await expect(
		page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Home' })
	).toBeVisible();
	await page.getByRole('button', { name: /^Account menu/ }).click();
	await expect(page.getByRole('menuitem', { name: 'Sign out' })).toBeVisible();
});

test('the new-person and edit-person forms log no console error and keep the browser’s email check', async ({
	page,
	world
}) => {
	const admin = await world.person({ role: 'admin' });
	const someone = await world.person();
	await signIn(page, admin);
	const problems: string[] = [];
	page.on('console', (message) => {
		if (message.type() === 'error') problems.push(`${page.url()}: ${message.text()}`);
	});
	page.on('pageerror', (error) => problems.push(`${page.url()}: ${error.message}`));

	for (const path of ['/people/new', `/people/${someone.id}`]) {
		await page.goto(path);
		const email = page.getByLabel('Email');
		await email.fill('no-at-sign');
		expect(await email.evaluate((input: HTMLInputElement) => input.validity.valid), path).toBe(false);
		await email.fill('someone@example.com');
		expect(await email.evaluate((input: HTMLInputElement) => input.validity.valid), path).toBe(true);
	}
	expect(problems).toEqual([]);
});

// Both ways: with JavaScript the question opens in place, without it the page asks by itself.
for (const javaScriptEnabled of [true, false]) {
	test.describe(javaScriptEnabled ? 'with JavaScript' : 'without JavaScript', () => {
		test.use({ javaScriptEnabled });

		test('deactivating from a person page asks first, and Cancel changes nothing', async ({
			page,
			world
		}) => {
			const admin = await world.person({ role: 'admin' });
			const target = await world.person();
			await signIn(page, admin);
			await page.goto(`/people/${target.id}`);

			await page.getByRole('button', { name: 'Deactivate…' }).click();
			const question = page.getByRole('alertdialog');
			await expect(question).toContainText(`Deactivate ${target.name}?`);
			await question.getByRole('button', { name: 'Cancel' }).click();
			await expect(question).toHaveCount(0);
			await expect(page).not.toHaveURL(/deactivate/);
			await expect(page.getByTestId('person-status')).toHaveText('active');
			expect((await world.db.person.findUniqueOrThrow({ where: { id: target.id } })).status).toBe('active');

			await page.getByRole('button', { name: 'Deactivate…' }).click();
			await page.getByRole('alertdialog').getByRole('button', { name: 'Yes, deactivate' }).click();
			await expect(page.getByTestId('person-status')).toHaveText('deactivated');
			expect((await world.db.person.findUniqueOrThrow({ where: { id: target.id } })).status).toBe(
				'deactivated'
			);
			await expect(page.getByRole('button', { name: 'Reactivate' })).toBeVisible();
		});
	});
}

test('changing your own password ends with a message saying so', async ({ page, world }) => {
	const member = await world.person();
	await signIn(page, member);
	await page.goto('/account/password');
	await page.getByLabel('Current password').fill(member.password);
	await page.getByLabel('New password', { exact: true }).fill('a new and long password');
	await page.getByLabel('New password again').fill('a new and long password');
	await page.getByRole('button', { name: 'Change password' }).click();
	await expect(page.getByTestId('form-message')).toContainText('Your password is changed.');
	await expect(page.getByTestId('signed-in-as')).toBeVisible();
});

test('times read as "1 Dec 2026, 18:14 UTC" with how long ago; groups sort naturally', async ({
	page,
	world
}) => {
	const admin = await world.person({ role: 'admin' });
	const prefix = world.unique('Team');
	const groups = await Promise.all(
		['10', '2', '1'].map((n) =>
			world.db.group.create({ data: { id: world.unique('group'), name: `${prefix} ${n}` } })
		)
	);
	const someone = await world.person({ groups: groups.map((group) => group.id) });
	await signIn(page, admin);

	await page.goto(`/people/${someone.id}`);
	await expect(page.getByTestId('person-groups').getByRole('listitem')).toHaveText([
		new RegExp(`${prefix} 1\\b`),
		new RegExp(`${prefix} 2\\b`),
		new RegExp(`${prefix} 10\\b`)
	]);

	await page.goto(`/people?q=${someone.email}`);
	const created = page.getByRole('row').filter({ hasText: someone.name }).locator('time');
	await expect(created).toHaveText(/^\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC$/);
	await expect(created).toHaveAttribute('datetime', /^\d{4}-\d{2}-\d{2}T/);
	await expect(page.getByRole('row').filter({ hasText: someone.name })).toContainText('(just now)');
});

test('the groups list searches as you type, like every list, and keeps the focus', async ({
	page,
	world
}) => {
	const admin = await world.person({ role: 'admin' });
	const group = await world.group();
	waitForHydrationAfterGoto(page);
	await signIn(page, admin);
	await page.goto('/groups');
	const search = page.getByLabel('Search groups');
	await search.fill(group);
	await expect(page).toHaveURL(new RegExp(`/groups\\?q=${group}$`));
	await expect(page.getByTestId('groups').getByRole('row')).toHaveCount(2);
	await expect(page.getByTestId('groups')).toContainText(group);
	await expect(search).toBeFocused();
	await search.fill(`${group}-nobody`);
	await expect(page.getByTestId('no-groups')).toHaveText(`No group's id or name contains “${group}-nobody”.`);
});
