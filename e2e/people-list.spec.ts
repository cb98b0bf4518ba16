import type { Page } from '@playwright/test';
import { forgedPost } from './directory-fixtures';
import { expect, signIn, test } from './fixtures';
import { listedPeople } from './people-fixtures';

const rows = (page: Page) => page.getByTestId('people').locator('tbody tr');
const names = (page: Page) =>
	page.getByTestId('people').locator('tbody tr td:nth-child(2)').allTextContents();

test('an admin searches and filters by group; the URL reproduces the page', async ({
	page,
	world,
	context
}) => {
	const admin = await world.person({ role: 'admin' });
	const tag = world.unique('Srch');
	const group = await world.group();
	await listedPeople(world.db, tag, ['Ann', 'Bob'], [group]);
	await listedPeople(world.db, tag, ['Cyd']);
	await signIn(page, admin);

	await page.goto('/people');
	const search = page.getByRole('searchbox', { name: 'Search' });
	await search.click();
	await page.keyboard.type(tag.toUpperCase());
	await expect(page).toHaveURL(new RegExp(`[?&]q=${tag.toUpperCase()}`));
	await expect(rows(page)).toHaveCount(3);
	await expect(search).toBeFocused();
	await expect(page.getByTestId('matching-count')).toHaveText('3 people match');

	const groupFilter = page.getByRole('combobox', { name: 'Group', exact: true });
	await groupFilter.fill(group);
	await groupFilter.press('Enter');
	await expect(page).toHaveURL(new RegExp(`group=${group}`));
	await expect(rows(page)).toHaveCount(2);
	await expect(page.getByTestId('matching-count')).toHaveText(`2 people match in ${group}`);

	// The list is sorted by name already, so its header link turns it around.
	await page.getByRole('link', { name: 'Name', exact: true }).click();
	await expect(page).toHaveURL(/dir=desc/);
	expect(await names(page)).toEqual([`Bob ${tag}`, `Ann ${tag}`]);

	const bookmarked = await context.newPage();
	await bookmarked.goto(page.url());
	expect(await names(bookmarked)).toEqual([`Bob ${tag}`, `Ann ${tag}`]);
	await expect(bookmarked.getByRole('searchbox', { name: 'Search' })).toHaveValue(tag.toUpperCase());
	await expect(bookmarked.getByRole('combobox', { name: 'Group', exact: true })).toHaveValue(group);
	await expect(bookmarked.getByRole('columnheader', { name: 'Name' })).toHaveAttribute(
		'aria-sort',
		'descending'
	);

	// 1 or 2 characters find word starts only ("Srch-…" in this group), and the hint says so.
	const hint = page.getByTestId('search-hint');
	await expect(hint).toHaveText(/^Part of a name or email/);
	await page.getByRole('searchbox', { name: 'Search' }).fill('sr');
	await expect(hint).toHaveText('1 or 2 characters find the start of a word of a name, or of an email');
	await expect(page).toHaveURL(/[?&]q=sr(&|$)/);
	await expect(page.getByTestId('matching-count')).toHaveText(`2 people match in ${group}`);
	await page.getByRole('searchbox', { name: 'Search' }).fill('rc');
	await expect(page.getByTestId('no-people')).toContainText('No one matches “rc”');

	// Nothing matches: say so, and offer the way out.
	await page.getByRole('searchbox', { name: 'Search' }).fill(`${tag}-nobody`);
	await expect(page.getByTestId('no-people')).toContainText(`No one matches “${tag}-nobody”`);
	await page.getByTestId('no-people').getByRole('link', { name: 'Clear filters' }).click();
	await expect(page).toHaveURL(/\/people\?dir=desc$/);
	await expect(page.getByRole('searchbox', { name: 'Search' })).toHaveValue('');
});

test('an admin pages through a search with Next and Previous', async ({ page, world }) => {
	const admin = await world.person({ role: 'admin' });
	const tag = world.unique('Page');
	const people = await listedPeople(
		world.db,
		tag,
		Array.from({ length: 30 }, (_, n) => `P${String(n).padStart(2, '0')}`)
	);
	await signIn(page, admin);

	await page.goto(`/people?q=${tag}&size=25`);
	await expect(page.getByRole('link', { name: '← Previous' })).toHaveCount(0);
	const first = await names(page);
	expect(first).toHaveLength(25);

	await page.getByRole('link', { name: 'Next →' }).click();
	await expect(rows(page)).toHaveCount(5);
	await expect(page).toHaveURL(/after=/);
	const second = await names(page);
	expect([...first, ...second].sort()).toEqual(people.map((p) => p.name).sort());
	await expect(page.getByRole('link', { name: 'Next →' })).toHaveCount(0);

	await page.getByRole('link', { name: '← Previous' }).click();
	await expect(rows(page)).toHaveCount(25);
	expect(await names(page)).toEqual(first);
});

test('an admin adds ticked people to a group and is told how many', async ({ page, world }) => {
	const admin = await world.person({ role: 'admin' });
	const tag = world.unique('Add');
	const group = await world.group();
	const [ann, bob] = await listedPeople(world.db, tag, ['Ann', 'Bob', 'Cyd']);
	await signIn(page, admin);

	await page.goto(`/people?q=${tag}`);
	await page.getByLabel(`Select ${ann!.name}`).check();
	await page.getByLabel(`Select ${bob!.name}`).check();
	await expect(page.getByTestId('selected-count')).toHaveText('the 2 people ticked below');
	await page.getByRole('combobox', { name: 'Target group' }).fill(group);
	await page.getByRole('button', { name: 'Add to group' }).click();

	await expect(page.getByTestId('bulk-result')).toHaveText(`Added 2 people to ${group}.`);
	await expect(page.getByLabel(`Select ${ann!.name}`)).not.toBeChecked();
	const row = rows(page).filter({ hasText: ann!.name });
	await expect(row).toContainText(group);
	const members = await world.db.groupMembership.findMany({ where: { groupId: group } });
	expect(members.map((m) => m.personId).sort()).toEqual([ann!.id, bob!.id].sort());
	const audits = await world.db.auditEvent.findMany({
		where: { action: 'membership.added', targetId: { in: [ann!.id, bob!.id] } }
	});
	expect(audits.map((a) => a.actorId)).toEqual([admin.id, admin.id]);
});

test('an admin removes ticked people from a group only after confirming how many are members', async ({
	page,
	world
}) => {
	const admin = await world.person({ role: 'admin' });
	const tag = world.unique('Rm');
	const [group, otherGroup] = [await world.group(), await world.group()];
	const [ann, bob] = await listedPeople(world.db, tag, ['Ann', 'Bob'], [group]);
	const [cyd] = await listedPeople(world.db, tag, ['Cyd']);
	await signIn(page, admin);

	await page.goto(`/people?q=${tag}`);
	for (const person of [ann!, bob!, cyd!]) await page.getByLabel(`Select ${person.name}`).check();
	const targetGroup = page.getByRole('combobox', { name: 'Target group' });
	await targetGroup.fill(group);
	await page.getByRole('button', { name: 'Remove from group' }).click();
	const confirmation = page.getByRole('alertdialog');
	// Cyd is ticked but not a member: the question counts only whom it would remove.
	await expect(confirmation).toContainText(`Remove 2 people from ${group}?`);
	expect(await world.db.groupMembership.count({ where: { groupId: group } })).toBe(2);

	// Another group is another question: the confirmation is withdrawn, not applied to it.
	await targetGroup.fill(otherGroup);
	await expect(confirmation).toHaveCount(0);
	await targetGroup.fill(group);
	await page.getByRole('button', { name: 'Remove from group' }).click();
	await expect(confirmation).toContainText(`Remove 2 people from ${group}?`);
	await confirmation.getByRole('link', { name: 'Cancel' }).click();
	await expect(confirmation).toHaveCount(0);
	await expect(page.getByLabel(`Select ${ann!.name}`)).toBeChecked();
	expect(await world.db.groupMembership.count({ where: { groupId: group } })).toBe(2);

	await page.getByRole('button', { name: 'Remove from group' }).click();
	await confirmation.getByRole('button', { name: 'Yes, remove' }).click();
	await expect(page.getByTestId('bulk-result')).toHaveText(
		`Removed 2 people from ${group}. 1 of the 3 were not members.`
	);
	expect(await world.db.groupMembership.count({ where: { groupId: group } })).toBe(0);
	const audits = await world.db.auditEvent.findMany({
		where: { action: 'membership.removed', targetId: { in: [ann!.id, bob!.id, cyd!.id] } }
	});
	expect(audits.map((a) => a.targetId).sort()).toEqual([ann!.id, bob!.id].sort());
});

test('an admin deactivates everyone matching a search after confirming the count', async ({
	page,
	world
}) => {
	const admin = await world.person({ role: 'admin' });
	const tag = world.unique('Off');
	const people = await listedPeople(world.db, tag, ['Ann', 'Bob', 'Cyd', 'Dee']);
	await signIn(page, admin);

	await page.goto(`/people?q=${tag}&size=25`);
	await page.getByRole('radio', { name: 'all 4 people matching' }).check();
	await page.getByRole('button', { name: 'Deactivate…' }).click();
	const confirmation = page.getByRole('alertdialog');
	await expect(confirmation).toContainText('Deactivate 4 people?');
	expect(
		await world.db.person.count({ where: { id: { in: people.map((p) => p.id) }, status: 'active' } })
	).toBe(4);

	await confirmation.getByRole('button', { name: 'Yes, deactivate' }).click();
	await expect(page.getByTestId('bulk-result')).toHaveText('Deactivated 4 people.');
	await expect(rows(page).getByText('deactivated', { exact: true })).toHaveCount(4);
	expect(
		await world.db.person.count({ where: { id: { in: people.map((p) => p.id) }, status: 'deactivated' } })
	).toBe(4);
	const audits = await world.db.auditEvent.findMany({
		where: { action: 'person.deactivated', targetId: { in: people.map((p) => p.id) } }
	});
	expect(audits).toHaveLength(4);
	expect(audits.every((a) => a.actorId === admin.id)).toBe(true);
});

test('support sees the list without admin controls, and a forged bulk post is refused', async ({
	page,
	world
}) => {
	const support = await world.person({ role: 'support' });
	const tag = world.unique('Ro');
	const people = await listedPeople(world.db, tag, ['Ann', 'Bob']);
	await signIn(page, support);

	await page.goto(`/people?q=${tag}`);
	await expect(page.getByTestId('read-only')).toBeVisible();
	await expect(rows(page)).toHaveCount(2);
	// Read-only reads as such: no ticks, no bulk bar, no greyed-out buttons.
	await expect(page.getByRole('checkbox')).toHaveCount(0);
	await expect(page.getByRole('form', { name: 'Bulk actions' })).toHaveCount(0);
	for (const name of ['Add to group', 'Remove from group', 'Deactivate…', 'New person']) {
		await expect(page.getByRole('button', { name })).toHaveCount(0);
	}
	await expect(page.getByRole('link', { name: 'New person' })).toHaveCount(0);
	await expect(page.locator('button:disabled, input:disabled, select:disabled')).toHaveCount(0);
	// Reading is allowed: exporting, and an import's dry run.
	await expect(page.getByRole('link', { name: 'Export CSV' })).toBeVisible();
	await expect(page.getByRole('link', { name: 'Import CSV' })).toBeVisible();

	const response = await forgedPost(page, `/people?q=${tag}&/bulk`, {
		operation: 'confirm-deactivate',
		scope: 'matching'
	});
	expect(response.status()).toBe(403);
	expect(
		await world.db.person.count({ where: { id: { in: people.map((p) => p.id) }, status: 'active' } })
	).toBe(2);
	expect(await world.db.auditEvent.count({ where: { targetId: { in: people.map((p) => p.id) } } })).toBe(0);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the filter form, the bulk action and its confirmation still work', async ({ page, world }) => {
		const admin = await world.person({ role: 'admin' });
		const tag = world.unique('NoJs');
		const [ann, bob] = await listedPeople(world.db, tag, ['Ann', 'Bob', 'Cyd']);
		await signIn(page, admin);

		await page.goto('/people');
		await page.getByRole('searchbox', { name: 'Search' }).fill(tag);
		await page.getByRole('button', { name: 'Apply' }).click();
		await expect(rows(page)).toHaveCount(3);

		await page.getByLabel(`Select ${ann!.name}`).check();
		await page.getByLabel(`Select ${bob!.name}`).check();
		await page.getByRole('button', { name: 'Deactivate…' }).click();
		await expect(page.getByRole('alertdialog')).toContainText('Deactivate 2 people?');
		// The ticks survive the round trip, so the confirmation deactivates exactly them.
		await expect(page.getByLabel(`Select ${ann!.name}`)).toBeChecked();
		await page.getByRole('button', { name: 'Yes, deactivate' }).click();
		await expect(page.getByTestId('bulk-result')).toHaveText('Deactivated 2 people.');
		const statuses = await world.db.person.findMany({
			where: { name: { contains: tag } },
			select: { name: true, status: true },
			orderBy: { name: 'asc' }
		});
		expect(statuses.map((p) => p.status)).toEqual(['deactivated', 'deactivated', 'active']);
	});
});
