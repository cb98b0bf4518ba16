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
	await expect(page.getByTestId('import-totals')).toHaveText('2 rows: 1 to create, 1 with errors.');
	// The row number, the cell as read and the message beside it.
	const bobRow = page.getByTestId('error-rows').getByTestId('row-3');
	await expect(bobRow.locator('p').first()).toHaveText(new RegExp(`^Row 3\\s*${bob}$`));
	await expect(bobRow.locator('dl')).toHaveText(/^name\s*\(blank\)\s*·\s*Enter a name$/);
	// With errors to fix first, the valid rows wait folded.
	await page.getByText('What applying would do: 1 row to create or change').click();
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
	await expect(page.getByTestId('import-totals')).toHaveText('2 rows: 2 to create.');
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

test('a long preview leads with the counts and the errors, pages the valid rows, and keeps Apply in view', async ({
	page,
	world
}) => {
	test.slow(); // previews 130 rows twice and applies 126
	const admin = await world.person({ role: 'admin' });
	const tag = world.unique('bulk');
	const existing = await Promise.all(Array.from({ length: 6 }, () => world.person()));
	const created = Array.from({ length: 120 }, (_, index) => `${tag}-${index}@example.com`);
	const faulty = Array.from({ length: 4 }, (_, index) => `${tag}-faulty-${index}@example.com`);
	const valid = [
		...existing.map((person) => `${person.email},${person.name} Renamed`),
		...created.map((email, index) => `${email},Imported ${tag} ${index}`)
	];
	// Rows 2-7 change someone, 8-127 create someone, 128-131 lack a name: the errors come last in the file.
	const csv = ['email,name', ...valid, ...faulty.map((email) => `${email},`)].join('\n');
	await signIn(page, admin);
	await page.goto('/people/import');
	await page.getByLabel('or paste CSV text').fill(csv);
	await page.getByRole('button', { name: 'Preview (dry run)' }).click();

	const totals = page.getByTestId('import-totals');
	await expect(totals).toHaveText('130 rows: 120 to create, 6 to change, 4 with errors.');
	const errorRows = page.getByTestId('error-rows').locator(':scope > li');
	await expect(errorRows).toHaveCount(4);
	await expect(errorRows.first().locator('p')).toHaveText(new RegExp(`^Row 128\\s*${faulty[0]}$`));
	await expect(errorRows.first().locator('dl')).toHaveText(/^name\s*\(blank\)\s*·\s*Enter a name$/);
	// Counts first, then the errors, then the valid rows, folded.
	const changes = page.getByTestId('change-rows-disclosure');
	const top = async (locator: typeof totals) => (await locator.boundingBox())!.y;
	expect(await top(totals)).toBeLessThan(await top(errorRows.first()));
	expect(await top(errorRows.last())).toBeLessThan(await top(changes));
	await expect(changes).not.toHaveAttribute('open');
	await expect(page.getByTestId('change-rows')).toBeHidden();

	// Apply sits at the bottom of the window at any scroll, saying what it would do and why not yet.
	const bar = page.getByTestId('apply-bar');
	for (const y of [0, 600]) {
		await page.evaluate((to) => window.scrollTo(0, to), y);
		await expect(bar).toBeInViewport();
	}
	await expect(bar.getByTestId('apply-totals')).toHaveText(
		'130 rows: 120 to create, 6 to change, 4 with errors.'
	);
	await expect(bar.getByTestId('apply-blocked')).toHaveText(
		'Fix the errors and preview again before applying.'
	);
	await expect(bar.getByRole('button', { name: 'Apply: create 120, change 6' })).toBeDisabled();

	// The valid rows, 25 to a page.
	await changes.getByText('What applying would do: 126 rows to create or change').click();
	const changeRows = page.getByTestId('change-rows').locator('tbody tr');
	await expect(changeRows).toHaveCount(25);
	await expect(changeRows.first()).toHaveAttribute('data-testid', 'row-2');
	await expect(changes.getByTestId('page-range')).toHaveText('1–25 of 126');
	await changes.getByRole('button', { name: 'Next page of rows to create or change' }).click();
	await expect(changeRows.first()).toHaveAttribute('data-testid', 'row-27');
	await changes.getByRole('button', { name: 'Page 6 of rows to create or change' }).click();
	await expect(changeRows).toHaveCount(1);
	await expect(changes.getByTestId('page-range')).toHaveText('126–126 of 126');

	// On a phone the pages and the bar wrap rather than widen the page.
	await page.setViewportSize({ width: 390, height: 844 });
	await changes.getByRole('button', { name: 'Page 3 of rows to create or change' }).click();
	await expect(changes.getByTestId('page-range')).toHaveText('51–75 of 126');
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await expect(bar).toBeInViewport();

	// Without the faulty rows, the same file applies from the bar, the page scrolled to its top.
	await page.getByLabel('or paste CSV text').fill(['email,name', ...valid].join('\n'));
	await page.getByRole('button', { name: 'Preview (dry run)' }).click();
	await expect(totals).toHaveText('126 rows: 120 to create, 6 to change.');
	await page.evaluate(() => window.scrollTo(0, 0));
	const apply = bar.getByRole('button', { name: 'Apply: create 120, change 6' });
	await expect(apply).toBeInViewport();
	await apply.click();
	await expect(page.getByTestId('import-result')).toContainText(
		'Imported: 120 created, 6 changed, 0 unchanged.'
	);
	expect(await world.db.person.count({ where: { email: { in: created } } })).toBe(120);
	expect(await world.db.person.count({ where: { email: { in: faulty } } })).toBe(0);
	const renamed = await world.db.person.findMany({
		where: { id: { in: existing.map((person) => person.id) } }
	});
	expect(renamed.every((person) => person.name.endsWith(' Renamed'))).toBe(true);
});

test('support can preview an import but not apply it', async ({ page, world, baseURL }) => {
	const support = await world.person({ role: 'support' });
	const email = `${world.unique('nope')}@example.com`;
	const csv = `email,name\n${email},Not Imported\n`;
	await signIn(page, support);
	await page.goto('/people/import');
	await expect(page.getByTestId('read-only')).toHaveText(
		'You are viewing this read-only. You can preview an import to check a file; only admins can apply one.'
	);
	await page.getByLabel('or paste CSV text').fill(csv);
	await page.getByRole('button', { name: 'Preview (dry run)' }).click();
	await expect(page.getByTestId('import-totals')).toHaveText('1 row: 1 to create.');
	// Support reads what applying would do; there is no button for them to find greyed out.
	await expect(page.getByTestId('apply-totals')).toHaveText('1 row: 1 to create.');
	await expect(page.getByTestId('apply-blocked')).toHaveText('Only admins can apply an import.');
	await expect(page.getByRole('button', { name: /^Apply/ })).toHaveCount(0);

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
