import { cell, saveChanges } from './access-editor-steps';
import { expect, signIn, test } from './fixtures';

test('an admin’s access change appears in the audit log with the changed cells, found by searching for the room', async ({
	page,
	world
}) => {
	// Two saves through Liveblocks, then the log: more steps than most tests.
	test.slow();
	const group = await world.group();
	const admin = await world.person({ role: 'admin', name: world.unique('Alma Admin') });
	const roomId = await world.room({ defaultAccesses: [], groupsAccesses: { [group]: ['room:read'] } });
	await signIn(page, admin);
	await page.setViewportSize({ width: 1366, height: 900 });

	await page.goto(`/rooms/${roomId}/access`);
	await cell(page, 'Storage', group).selectOption('write');
	await saveChanges(page);
	await cell(page, 'Room', 'Everyone signed in').selectOption('read');
	await cell(page, 'Comments', group).selectOption('none');
	await saveChanges(page);

	// The log finds the room by searching for it, and then shows only its events.
	await page.goto('/audit');
	const about = page.getByRole('combobox', { name: 'About' });
	await about.fill(roomId);
	await page.getByRole('option', { name: new RegExp(roomId) }).click();
	await expect(page).toHaveURL(new RegExp(`/audit\\?target=room%3A${roomId}$`));
	await expect(page.getByTestId('target-filter')).toContainText(`Room ${roomId}`);

	const events = page.getByTestId('audit-event');
	await expect(events).toHaveCount(2);
	await expect(events.nth(0).getByTestId('audit-action')).toHaveText('Room access changed');
	await expect(events.nth(0)).toContainText(`by ${admin.name}`);
	await expect(events.nth(0)).toContainText('just now');
	await expect(events.nth(0).getByTestId('audit-changes').getByRole('listitem')).toHaveText([
		'Everyone signed in (default) · Access: No access → Can view',
		`Group ${group} · Access: Can edit (Room: Read, Storage: Write) → Can edit (Room: Read, Storage: Write, Comments: No access)`
	]);
	await expect(events.nth(1).getByTestId('audit-changes').getByRole('listitem')).toHaveText([
		`Group ${group} · Access: Can view → Can edit (Room: Read, Storage: Write)`
	]);
	await page.screenshot({ path: 'docs/screenshots/audit-log.png' });
	// Support can still read the lists exactly as Liveblocks has them.
	await page.getByLabel('Show as Liveblocks scopes').check();
	await expect(events.nth(0).getByTestId('audit-changes').getByRole('listitem')).toHaveText([
		'Everyone signed in (default) · Access: [] (no access) → *:read',
		`Group ${group} · Access: *:read storage:write → *:read storage:write comments:none`
	]);
	await expect(events.nth(1).getByTestId('audit-changes').getByRole('listitem')).toHaveText([
		`Group ${group} · Access: room:read → *:read storage:write`
	]);
	await page.getByLabel('Show as Liveblocks scopes').uncheck();

	// The room's own page links to the same history; the target links back to the room.
	await page.goto(`/rooms/${roomId}/access`);
	await page.getByRole('link', { name: 'History' }).click();
	await expect(events).toHaveCount(2);
	await events.nth(0).getByRole('link', { name: roomId, exact: true }).click();
	await expect(page).toHaveURL(`/rooms/${roomId}/access`);

	// Narrowed to what the admin did, and to one action.
	await page.goto(`/audit?target=room:${roomId}&actor=${admin.id}`);
	await expect(page.getByTestId('actor-filter')).toContainText(admin.name);
	await expect(events).toHaveCount(2);
	await page.getByLabel('Action').selectOption('room.deleted');
	await expect(page.getByTestId('no-events')).toContainText('No event matches these filters.');
});

test('support reads and exports the log; a filter it cannot read is named, not ignored', async ({
	page,
	world
}) => {
	const support = await world.person({ role: 'support' });
	const group = await world.group();
	await world.db.auditEvent.create({
		data: {
			actorId: support.id,
			action: 'group.updated',
			targetType: 'group',
			targetId: group,
			before: { name: '=SUM(1)' },
			after: { name: 'Renamed' }
		}
	});
	await signIn(page, support);
	await page.goto(`/groups/${group}`);
	await page.getByRole('link', { name: 'History' }).click();
	await expect(page).toHaveURL(`/audit?target=group%3A${group}`);
	const event = page.getByTestId('audit-event');
	await expect(event).toHaveCount(1);
	await expect(event.getByTestId('audit-changes')).toHaveText('Name: =SUM(1) → Renamed');
	// On a phone the log's own content fits the width (the app shell's bar is not this page's).
	await page.setViewportSize({ width: 390, height: 844 });
	const overflowing = await page.evaluate(
		() =>
			[...document.querySelectorAll('main *')].filter(
				(element) => element.getBoundingClientRect().right > 390
			).length
	);
	expect(overflowing).toBe(0);

	const download = page.waitForEvent('download');
	await page.getByRole('link', { name: 'Export CSV' }).click();
	const csv = await (await (await download).createReadStream()).toArray();
	const text = Buffer.concat(csv).toString('utf8');
	expect(text).toContain('\uFEFFtime,action,description,actorId,actor');
	expect(text).toContain(`group.updated,Group updated,${support.id}`);
	expect(text).toContain('Name: =SUM(1) → Renamed');
	expect(text).toContain(`"{""name"":""=SUM(1)""}"`);

	await page.goto('/audit?action=person.active&from=2026-13-01');
	const problems = page.getByTestId('filter-problems');
	await expect(problems).toContainText('The log records no action called “person.active”.');
	await expect(problems).toContainText('“2026-13-01” is not a from time');
	await expect(page.getByTestId('audit-event')).toHaveCount(0);
});

test('a member is refused the log and its export', async ({ page, world }) => {
	const member = await world.person();
	await signIn(page, member);
	expect((await page.goto('/audit'))?.status()).toBe(403);
	expect((await page.request.get('/audit/export')).status()).toBe(403);
});
