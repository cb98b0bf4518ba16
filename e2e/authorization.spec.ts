import { expect, signIn, test } from './fixtures';

test('a member is refused every admin page with a clear 403', async ({ page, world }) => {
	const member = await world.person();
	await signIn(page, member);
	await expect(page).toHaveURL(/\/me$/);
	await expect(
		page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'People' })
	).toHaveCount(0);
	for (const path of ['/people', '/groups', '/rooms', '/inspect', '/audit']) {
		const response = await page.goto(path);
		expect(response?.status(), path).toBe(403);
		await expect(page.getByTestId('error-message')).toHaveText(
			'This needs the admin or support role; you are signed in as member.'
		);
	}
});

test('a role change applies on the next request', async ({ page, world }) => {
	const admin = await world.person({ role: 'admin' });
	await signIn(page, admin);
	expect((await page.goto('/people'))?.status()).toBe(200);
	await world.db.person.update({ where: { id: admin.id }, data: { role: 'member' } });
	expect((await page.goto('/people'))?.status()).toBe(403);
});

test('a deactivation applies on the next request', async ({ page, world }) => {
	const support = await world.person({ role: 'support' });
	await signIn(page, support);
	await world.db.person.update({ where: { id: support.id }, data: { status: 'deactivated' } });
	expect((await page.goto('/rooms'))?.status()).toBe(403);
	await expect(page.getByTestId('error-message')).toHaveText('Your account is deactivated.');
});
