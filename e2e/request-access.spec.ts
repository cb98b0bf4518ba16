import { expect, signIn, test, waitForHydrationAfterGoto } from './fixtures';

test('a refused member requests access, an admin approves it with Can edit, and the member gets in', async ({
	browser,
	world
}) => {
	// Three people in their own browsers, and a live connection at the end.
	test.slow();
	const roomId = await world.room({ defaultAccesses: [], metadata: { title: 'Launch plan' } });
	const member = await world.person({ name: 'Rosa Requester' });
	const admin = await world.person({ role: 'admin' });
	const signedIn = async (person: typeof member) => {
		const page = waitForHydrationAfterGoto(await (await browser.newContext()).newPage());
		await signIn(page, person);
		return page;
	};

	// Refused at the door (opening the room also brings it into Gatehouse's index).
	const memberPage = await signedIn(member);
	await memberPage.goto(`/rooms/${roomId}/live`);
	await expect(memberPage.getByTestId('no-access')).toContainText('You have no access to this room.');

	await memberPage.getByRole('link', { name: 'Request access' }).click();
	await expect(memberPage).toHaveURL(`/rooms/${roomId}/request-access`);
	await expect(memberPage.getByTestId('no-access')).toContainText('You have no access to Launch plan.');
	await memberPage.getByLabel('Message to the admins (optional)').fill('I present the launch on Friday.');
	await memberPage.getByRole('button', { name: 'Request access' }).click();
	await expect(memberPage.getByTestId('request-pending')).toContainText('an admin will decide');
	await expect(memberPage.getByRole('button', { name: 'Request access' })).toHaveCount(0);

	// The admin sees requests waiting in the navigation and decides this one.
	const adminPage = await signedIn(admin);
	const nav = adminPage.getByRole('navigation', { name: 'Main' });
	await expect(nav.getByTestId('pending-requests-count')).toHaveText(/^[1-9]\d*\s+waiting$/);
	await nav.getByRole('link', { name: /Requests/ }).click();
	const card = adminPage
		.getByTestId('pending-requests')
		.getByRole('listitem')
		.filter({ hasText: member.name });
	await expect(card).toContainText('Launch plan');
	await expect(card).toContainText('“I present the launch on Friday.”');
	await card.getByRole('link', { name: `Review ${member.name}'s request` }).click();

	await adminPage.getByLabel('Can edit').check();
	await adminPage.getByRole('button', { name: 'Preview the change' }).click();
	const preview = adminPage.getByTestId('approval-preview');
	await expect(preview.getByTestId('change-list')).toHaveText(`${member.name}: No entry →becomes Can edit`);
	await preview.getByRole('button', { name: 'Approve with Can edit' }).click();
	await expect(adminPage.getByTestId('decided-notice')).toContainText(
		`Approved: ${member.name} now has Can edit in Launch plan.`
	);
	expect((await world.liveblocks.getRoom(roomId)).usersAccesses).toEqual({ [member.id]: ['*:write'] });

	// The member's home shows the outcome and the room; opening it now connects with write access.
	await memberPage.goto('/me');
	await expect(memberPage.getByTestId('my-request').filter({ hasText: 'Launch plan' })).toContainText(
		'Approved · Can edit'
	);
	await memberPage.getByLabel('Search your rooms').fill(roomId);
	await memberPage.getByRole('button', { name: 'Search' }).click();
	const room = memberPage.getByTestId('my-room');
	await expect(room).toHaveCount(1);
	await expect(room.getByTestId('room-access')).toHaveText('Can edit');
	await room.getByRole('link', { name: 'Open Launch plan' }).click();
	await expect(memberPage.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
	await expect(memberPage.getByTestId('can-write')).toHaveText('true');
});

test('an admin declines with a reason, which the member reads on their home; support staff only look', async ({
	browser,
	world
}) => {
	test.slow();
	const roomId = await world.room({ defaultAccesses: [], metadata: { title: 'Payroll' } });
	const member = await world.person({ name: 'Dan Declined' });
	const admin = await world.person({ role: 'admin' });
	const support = await world.person({ role: 'support' });
	const signedIn = async (person: typeof member) => {
		const page = waitForHydrationAfterGoto(await (await browser.newContext()).newPage());
		await signIn(page, person);
		return page;
	};
	const memberPage = await signedIn(member);
	await memberPage.goto(`/rooms/${roomId}/live`);
	await expect(memberPage.getByTestId('no-access')).toBeVisible();
	await memberPage.goto(`/rooms/${roomId}/request-access`);
	await memberPage.getByRole('button', { name: 'Request access' }).click();
	await expect(memberPage.getByTestId('request-pending')).toBeVisible();
	const request = await world.db.accessRequest.findFirstOrThrow({ where: { personId: member.id } });

	const supportPage = await signedIn(support);
	await supportPage.goto(`/requests/${request.id}`);
	await expect(supportPage.getByTestId('read-only')).toContainText(
		'Only admins approve or decline requests.'
	);
	await expect(supportPage.getByRole('button', { name: 'Decline' })).toHaveCount(0);
	await expect(supportPage.getByRole('button', { name: 'Preview the change' })).toHaveCount(0);
	await expect(supportPage.getByTestId('request-message')).toHaveText('none');
	await expect(supportPage.locator('main form')).toHaveCount(0);
	await expect(
		supportPage.locator('button:disabled, input:disabled, select:disabled, textarea:disabled')
	).toHaveCount(0);
	await supportPage.goto('/requests');
	await expect(supportPage.getByTestId('read-only')).toContainText(
		'Only admins approve or decline requests.'
	);
	await expect(supportPage.getByRole('link', { name: `View ${member.name}'s request` })).toBeVisible();

	const adminPage = await signedIn(admin);
	// On a phone the request fits the width: nothing scrolls sideways.
	await adminPage.setViewportSize({ width: 390, height: 844 });
	await adminPage.goto(`/requests/${request.id}?level=view`);
	await expect(adminPage.getByTestId('approval-preview')).toBeVisible();
	expect(await adminPage.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
	await adminPage.getByRole('button', { name: 'Decline' }).click();
	await expect(adminPage.getByText('Say why, so they know what to do next')).toBeVisible();
	await adminPage.getByLabel('Reason').fill('Payroll is for the finance team only.');
	await adminPage.getByRole('button', { name: 'Decline' }).click();
	await expect(adminPage.getByTestId('decided-notice')).toContainText(
		`Declined ${member.name}'s request for Payroll`
	);

	await memberPage.goto('/me');
	const outcome = memberPage.getByTestId('my-request').filter({ hasText: 'Payroll' });
	await expect(outcome).toContainText('Declined');
	await expect(outcome).toContainText('“Payroll is for the finance team only.”');
	await outcome.getByRole('link', { name: 'Payroll' }).click();
	await expect(memberPage.getByTestId('request-declined')).toContainText('You can ask again.');
	await expect(memberPage.getByRole('button', { name: 'Request access' })).toBeVisible();
});
