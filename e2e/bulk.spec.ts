import { sameScopes } from '../src/lib/access';
import { mirrorRoom } from '../src/lib/server/rooms/mirror';
import { expect, signIn, signOut, test } from './fixtures';

test('an admin ticks rooms, previews a group change, starts it and follows it to 100 %', async ({
	page,
	world
}) => {
	// Preview, job and both views of each (words, then scopes): more steps than most tests.
	test.slow();
	const admin = await world.person({ role: 'admin' });
	const group = await world.group();
	const prefix = world.unique('bulk');
	const rooms: string[] = [];
	// Two rooms need the change; one already gives the group edit access.
	for (const [index, groupsAccesses] of [
		{},
		{ [group]: ['room:read'] },
		{ [group]: ['room:write'] }
	].entries()) {
		const id = `${prefix}-${index}`;
		await mirrorRoom(
			world.db,
			await world.liveblocks.createRoom(id, {
				defaultAccesses: [],
				groupsAccesses: groupsAccesses as Record<string, ['room:write']>
			})
		);
		rooms.push(id);
	}

	await signIn(page, admin);
	await page.goto(`/rooms?q=${prefix}`);
	for (const id of rooms) await page.getByLabel(`Tick ${id} for a bulk change`).check();
	await page.getByRole('button', { name: 'Bulk change ticked rooms' }).click();

	await expect(page.getByTestId('chosen-rooms').getByRole('listitem')).toHaveCount(3);
	await page.getByLabel("Set a group's access").check();
	await page.getByRole('combobox', { name: 'Find a group' }).fill(group);
	await page.getByRole('option', { name: new RegExp(group) }).click();
	await expect(page.getByLabel('Group id')).toHaveValue(group);
	await page.getByLabel('Can edit', { exact: true }).check();
	await page.getByRole('button', { name: 'Preview' }).click();

	await expect(page.getByTestId('preview-summary')).toContainText(
		'Of 3 rooms: 2 will change, 1 already match'
	);
	// The change and each room's entry read in words; the scopes show only when asked for.
	await expect(page.getByTestId('preview-change')).toHaveText(
		`Set group ${group} to Can edit in 3 rooms chosen`
	);
	const previewRows = page.getByTestId('preview-rooms').getByRole('row');
	await expect(previewRows).toHaveCount(3);
	// "→" is for the eye; screen readers hear "becomes".
	await expect(previewRows.filter({ hasText: rooms[1]! })).toContainText(
		`Group ${group}: Can view →becomes Can edit`
	);
	await expect(previewRows.filter({ hasText: rooms[0]! })).toContainText(
		`Group ${group}: No entry →becomes Can edit`
	);
	await page.getByLabel('Show as Liveblocks scopes').check();
	await expect(page.getByTestId('preview-change')).toHaveText(
		`Set group ${group} to *:write in 3 rooms chosen`
	);
	await expect(previewRows.filter({ hasText: rooms[1]! })).toContainText(
		`Group ${group}: room:read →becomes *:write`
	);
	await expect(previewRows.filter({ hasText: rooms[0]! })).toContainText(
		`Group ${group}: No entry →becomes *:write`
	);
	await page.getByLabel('Show as Liveblocks scopes').uncheck();

	await page.getByRole('button', { name: 'Start job' }).click();
	await expect(page.getByText('Tick the box to confirm the change.')).toBeVisible();
	await page.getByLabel(/Apply this change to 3 rooms/).check();
	await page.getByRole('button', { name: 'Start job' }).click();

	await expect(page).toHaveURL(/\/rooms\/bulk\/c\w+$/);
	await expect(page.getByTestId('progress-text')).toHaveText('3 of 3 rooms done (100 %)');
	await expect(page.getByTestId('progress')).toHaveAttribute('aria-valuenow', '3');
	await expect(page.getByTestId('job-status')).toHaveText('Finished');
	const results = page.getByTestId('results');
	await expect(results.locator(`[data-room="${rooms[0]}"]`)).toContainText('changed');
	await expect(results.locator(`[data-room="${rooms[1]}"]`)).toContainText('changed');
	await expect(results.locator(`[data-room="${rooms[2]}"]`)).toContainText('unchanged');
	await expect(page.getByTestId('counts')).toContainText('2 changed · 1 unchanged · 0 failed');
	await expect(page.getByTestId('job-title')).toHaveText(`Set group ${group} to Can edit`);
	await expect(results.locator(`[data-room="${rooms[1]}"]`)).toContainText(
		`Group ${group}: Can view →becomes Can edit`
	);
	await expect(page.getByTestId('job-scopes')).toBeHidden();
	await page.getByLabel('Show as Liveblocks scopes').check();
	await expect(page.getByTestId('job-scopes')).toHaveText(
		`As Liveblocks scopes: Set group ${group} to *:write`
	);
	await expect(results.locator(`[data-room="${rooms[1]}"]`)).toContainText(
		`Group ${group}: room:read →becomes *:write`
	);
	await page.getByLabel('Show as Liveblocks scopes').uncheck();

	for (const id of rooms) {
		const { groupsAccesses } = await world.liveblocks.getRoom(id);
		expect(
			sameScopes(groupsAccesses[group]!, ['*:write']) || sameScopes(groupsAccesses[group]!, ['room:write'])
		).toBe(true);
	}
	await page.getByRole('link', { name: '← Bulk changes' }).click();
	await expect(page.getByTestId('jobs')).toContainText(`Set group ${group} to Can edit`);
});

test('custom levels name each resource and what an inherited one resolves to', async ({ page, world }) => {
	await signIn(page, await world.person({ role: 'admin' }));
	await page.goto('/rooms/bulk/new');
	await page.getByLabel("Set a group's access").check();
	await page.getByLabel('Custom levels').check();
	const levels = page.getByTestId('row-levels');
	await expect(levels.getByLabel('Public comments')).toHaveValue('inherit');
	await expect(levels.getByLabel('Public comments').locator('option:checked')).toHaveText('Inherits (Read)');
	await levels.getByLabel('Room').selectOption('Write');
	await expect(levels.getByLabel('Storage').locator('option:checked')).toHaveText('Inherits (Write)');
	// The comment visibilities follow comments.
	// A select's name also holds its chosen option: "Comments Inherits (Write)".
	await levels.getByLabel(/^Comments/).selectOption('No access');
	await expect(levels.getByLabel('Public comments').locator('option:checked')).toHaveText(
		'Inherits (No access)'
	);
});

test('support reads bulk changes and jobs without any form or disabled control', async ({ page, world }) => {
	const admin = await world.person({ role: 'admin' });
	const support = await world.person({ role: 'support' });
	const roomId = world.unique('bulk-read');
	// A cancelled job with a room left to do, which an admin could resume; no instance runs it.
	const job = await world.db.bulkJob.create({
		data: {
			createdById: admin.id,
			change: { kind: 'set-default', scopes: ['*:read'] },
			selection: '1 room chosen',
			status: 'cancelled',
			finishedAt: new Date(),
			rooms: { create: { roomId, status: 'cancelled' } }
		}
	});
	const disabledControls = page.locator(
		'button:disabled, input:disabled, select:disabled, textarea:disabled'
	);

	await signIn(page, admin);
	await page.goto(`/rooms/bulk/${job.id}`);
	await expect(page.getByRole('button', { name: 'Resume (1 room)' })).toBeVisible();
	await signOut(page);

	await signIn(page, support);
	await page.goto('/rooms/bulk');
	await expect(page.getByRole('link', { name: 'New bulk change' })).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'New bulk change' })).toHaveCount(0);
	await expect(disabledControls).toHaveCount(0);

	await page.goto(`/rooms/bulk/${job.id}`);
	await expect(page.getByTestId('read-only')).toContainText('Only admins cancel or resume a job.');
	await expect(page.getByTestId('job-status')).toBeVisible();
	await expect(page.getByRole('button', { name: /^Resume/ })).toHaveCount(0);
	await expect(page.locator('main form')).toHaveCount(0);
	await expect(disabledControls).toHaveCount(0);

	// Previewing is for admins too: support reads the rooms ticked, as text.
	await page.goto(`/rooms/bulk/new?ticked=1&room=${roomId}`);
	await expect(page.getByTestId('read-only')).toContainText('Only admins preview and start bulk changes.');
	await expect(page.getByTestId('chosen-rooms')).toHaveText(roomId);
	await expect(page.locator('main form')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Preview' })).toHaveCount(0);
	await expect(disabledControls).toHaveCount(0);
});
