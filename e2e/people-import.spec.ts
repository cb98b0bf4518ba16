import { expect, signIn, test } from './fixtures';

test('an admin uploads a CSV, fixes the row with an error in the text and applies it', async ({
	page,
	world
}) => {
	const admin = await world.person({ role: 'admin' });
	const group = await world.group();
	const ada = `${world.unique('ada')}@example.com`;
	const bob = `${world.unique('bob')}@example.com`;
	await signIn(page, admin);
	await page.goto('/people/import');

	await page.getByLabel('CSV file (UTF-8)').setInputFiles({
		name: 'people.csv',
		mimeType: 'text/csv',
		buffer: Buffer.from(
			`email,name,role,groups\r\n${ada},Ada Import,support,${group}\r\n${bob},,member,${group}\r\n`
		)
	});
	await page.getByRole('button', { name: 'Preview (dry run)' }).click();
	await expect(page.getByTestId('import-totals').locator('.badge')).toHaveText([
		'1 to create',
		'0 to change',
		'0 unchanged',
		'1 error'
	]);
	await expect(page.getByTestId('error-rows').getByTestId('row-3')).toContainText(`${bob}name: Enter a name`);
	const adaRow = page.getByTestId('change-rows').getByTestId('row-2');
	await expect(adaRow).toContainText('Create');
	await expect(adaRow).toContainText('Ada Import, support, active');
	await expect(adaRow).toContainText(`joins ${group}`);
	await expect(page.getByRole('button', { name: /^Apply/ })).toBeDisabled();
	await expect(page.getByTestId('apply-blocked')).toHaveText(
		'Fix the errors and preview again before applying.'
	);

	// The text area now holds the uploaded file: fix the row there and look again.
	const text = page.getByLabel('or paste CSV text');
	await expect(text).toHaveValue(new RegExp(`${bob},,member`));
	await text.fill((await text.inputValue()).replace(`${bob},,`, `${bob},Bob Import,`));
	await page.getByRole('button', { name: 'Preview (dry run)' }).click();
	await expect(page.getByTestId('import-totals').locator('.badge')).toHaveText([
		'2 to create',
		'0 to change',
		'0 unchanged',
		'0 errors'
	]);
	await expect(page.getByTestId('error-rows')).toHaveCount(0);

	await page.getByRole('button', { name: 'Apply: create 2, change 0' }).click();
	const result = page.getByTestId('import-result');
	await expect(result).toContainText('Imported: 2 created, 0 changed, 0 unchanged.');
	await expect(result.getByRole('link', { name: 'Ada Import' })).toBeVisible();
	await expect(result.getByRole('link', { name: 'Bob Import' })).toBeVisible();
	await expect(page.getByTestId('import-preview')).toHaveCount(0);
	await expect(text).toHaveValue('');
	await result.getByRole('link', { name: 'Ada Import' }).click();
	await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ada Import');

	const created = await world.db.person.findMany({
		where: { email: { in: [ada, bob] } },
		select: { name: true, role: true, memberships: { select: { groupId: true } } },
		orderBy: { email: 'asc' }
	});
	expect(created).toEqual([
		{ name: 'Ada Import', role: 'support', memberships: [{ groupId: group }] },
		{ name: 'Bob Import', role: 'member', memberships: [{ groupId: group }] }
	]);
});

test('support can preview an import but not apply it', async ({ page, world, baseURL }) => {
	const support = await world.person({ role: 'support' });
	const email = `${world.unique('nope')}@example.com`;
	const csv = `email,name\n${email},Not Imported\n`;
	await signIn(page, support);
	await page.goto('/people/import');
	await expect(page.getByTestId('read-only')).toHaveText(
		'You can preview an import to check a file, but only admins can apply one.'
	);
	await page.getByLabel('or paste CSV text').fill(csv);
	await page.getByRole('button', { name: 'Preview (dry run)' }).click();
	await expect(page.getByTestId('import-totals')).toContainText('1 to create');
	await expect(page.getByRole('button', { name: 'Apply: create 1, change 0' })).toBeDisabled();
	await expect(page.getByTestId('apply-blocked')).toHaveText(
		'Only admins can apply an import; support can preview it.'
	);

	// The server refuses the write itself, not only the button.
	const response = await page.request.post('/people/import?/apply', {
		headers: { origin: baseURL! },
		multipart: { csv, create: '1', update: '0', unchanged: '0' }
	});
	expect(response.status()).toBe(403);
	expect(await world.db.person.count({ where: { email } })).toBe(0);
});

test('a member cannot open the import page', async ({ page, world }) => {
	await signIn(page, await world.person());
	expect((await page.goto('/people/import'))?.status()).toBe(403);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('an admin previews and applies a pasted CSV', async ({ page, world }) => {
		const admin = await world.person({ role: 'admin' });
		const email = `${world.unique('nojs')}@example.com`;
		await signIn(page, admin);
		await page.goto('/people/import');
		await page.getByLabel('or paste CSV text').fill(`email,name\n${email},No Script\n`);
		await page.getByRole('button', { name: 'Preview (dry run)' }).click();
		await expect(page.getByTestId('change-rows').getByTestId('row-2')).toContainText('No Script');
		await expect(page.getByLabel('or paste CSV text')).toHaveValue(`email,name\n${email},No Script\n`);
		await page.getByRole('button', { name: 'Apply: create 1, change 0' }).click();
		await expect(page.getByTestId('import-result')).toContainText('Imported: 1 created');
		expect(await world.db.person.count({ where: { email } })).toBe(1);
	});
});
