import { expect, signIn, test, waitForHydrationAfterGoto } from './fixtures';

test('support sees who can enter a room and how, filters by level, and cannot edit anything', async ({
	page,
	world
}) => {
	const group = await world.group();
	const designer = await world.person({ groups: [group] });
	const owner = await world.person();
	const gone = await world.person({ groups: [group], status: 'deactivated' });
	const support = await world.person({ role: 'support' });
	const roomId = await world.room({
		defaultAccesses: [],
		groupsAccesses: { [group]: ['room:read', 'comments:write'] },
		usersAccesses: { [owner.id]: ['room:write'] }
	});

	waitForHydrationAfterGoto(page);
	await signIn(page, support);
	await page.goto(`/rooms/${roomId}/access`);
	await page
		.getByRole('navigation', { name: 'Room pages' })
		.getByRole('link', { name: 'People with access' })
		.click();
	await expect(page).toHaveURL(new RegExp(`/rooms/${roomId}/people$`));

	const rows = page.getByTestId('audience-row');
	await expect(rows).toHaveCount(2);
	const designerRow = rows.filter({ hasText: designer.name });
	await expect(designerRow).toContainText('Can comment');
	await expect(designerRow.getByTestId('how')).toHaveText(`Group ${group}`);
	const ownerRow = rows.filter({ hasText: owner.name });
	await expect(ownerRow).toContainText('Can edit');
	await expect(ownerRow.getByTestId('how')).toHaveText('Own entry');
	await expect(page.getByText(gone.name)).toHaveCount(0);
	await expect(
		ownerRow.getByRole('link', { name: `Why does ${owner.name} have this access?` })
	).toHaveAttribute('href', `/rooms/${roomId}/access?why=${owner.id}`);
	await expect(page.getByTestId('level-counts')).toContainText('Can edit: 1');

	await page.getByLabel('Level').selectOption({ label: 'Can comment' });
	await expect(page).toHaveURL(/level=comment/);
	await expect(rows).toHaveCount(1);
	await expect(rows).toContainText(designer.name);

	// Read-only: no form posts anything, no button but the filters' Apply.
	const main = page.getByRole('main');
	await expect(main.locator('form[method="POST" i]')).toHaveCount(0);
	await expect(main.getByRole('button')).toHaveText(['Apply']);
	await expect(page.getByTestId('read-only')).toContainText(
		"You are viewing this read-only. Who can enter follows from the room's rules, which admins change in the Access tab."
	);
});
