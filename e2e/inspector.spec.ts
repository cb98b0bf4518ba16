import { expect, signIn, test, waitForHydrationAfterGoto } from './fixtures';

test('support inspects a member: the predicted getSelf() is what the member sees in the room', async ({
	browser,
	page,
	world
}) => {
	test.setTimeout(90_000);
	const reviewers = await world.group();
	const reader = await world.person({ name: world.unique('Rita Reader'), groups: [reviewers] });
	const title = world.unique('Spring review');
	const roomId = await world.indexedRoom({
		defaultAccesses: [],
		groupsAccesses: { [reviewers]: ['room:read', 'comments:write'] },
		usersAccesses: {},
		metadata: { title }
	});
	const support = await world.person({ role: 'support' });

	await signIn(page, support);
	await page.goto('/inspect');
	await page.getByLabel('Find a person').fill(reader.name);
	await page.getByRole('button', { name: 'Find' }).click();
	await page.getByTestId('matches').getByRole('link', { name: reader.name }).click();

	await expect(page.getByTestId('identity-view')).toContainText(reader.id);
	// Other tests' rooms that let everyone in share this index: narrow to this test's room.
	await page.getByLabel('Search their rooms').fill(title);
	await page.getByRole('button', { name: 'Search', exact: true }).click();
	await expect(page.getByTestId('room-count')).toHaveText('(1 room)');
	const listed = page.locator(`[data-room="${roomId}"]`);
	await expect(listed.getByTestId('room-summary')).toHaveText('Can comment');
	await listed.getByText('Per resource, and why').click();
	await expect(listed).toContainText(`Group ${reviewers}`);
	await listed.getByRole('link', { name: 'What getSelf() shows' }).click();
	const predicted = page.getByTestId('predicted');
	await expect(predicted.getByTestId('connected-now')).toHaveText('No');
	await expect(predicted.getByTestId('token-organization')).toContainText(
		'carries no organizationId: Liveblocks lets it into rooms of the default organization only.'
	);

	// The member joins the room in their own browser.
	const memberContext = await browser.newContext();
	const memberPage = waitForHydrationAfterGoto(await memberContext.newPage());
	await signIn(memberPage, reader);
	await memberPage.goto(`/rooms/${roomId}/live`);
	await expect(memberPage.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
	await expect(memberPage.getByTestId('self-id')).toHaveText(reader.id);

	await expect(predicted.getByTestId('predicted-self-id')).toHaveText(
		(await memberPage.getByTestId('self-id').textContent())!
	);
	await expect(predicted.getByTestId('predicted-self-info')).toHaveText(
		(await memberPage.getByTestId('self-info').textContent())!
	);
	// In words by default; as Liveblocks reports them, the same values the member's room shows.
	await expect(predicted.getByTestId('predicted-can-write')).toHaveText('No');
	await expect(predicted.getByTestId('predicted-can-comment')).toHaveText('Yes');
	await expect(predicted.getByTestId('applying-entries').getByRole('listitem')).toHaveText([
		'Everyone signed in (default): No access',
		`Group ${reviewers}: Can comment`
	]);
	await predicted.getByLabel('Show as Liveblocks scopes').check();
	await expect(predicted.getByTestId('predicted-can-write')).toHaveText(
		(await memberPage.getByTestId('can-write').textContent())!
	);
	await expect(predicted.getByTestId('predicted-can-comment')).toHaveText(
		(await memberPage.getByTestId('can-comment').textContent())!
	);
	await expect(predicted.getByTestId('predicted-can-comment')).toHaveText('true');
	await expect(predicted.getByTestId('applying-entries').getByRole('listitem')).toHaveText([
		'Everyone signed in (default): [] (no access)',
		`Group ${reviewers}: room:read comments:write`
	]);

	// Liveblocks now lists them among the room's active users.
	await expect(async () => {
		await page.reload();
		await expect(page.getByTestId('predicted').getByTestId('connected-now')).toHaveText('Yes', {
			timeout: 1_000
		});
	}).toPass({ timeout: 15_000 });
	await page.setViewportSize({ width: 1366, height: 900 });
	await page.screenshot({ path: 'docs/screenshots/inspector.png', fullPage: true });
	await memberContext.close();
});

test('the inspector says why no token would be issued, that a room would refuse, and its organization', async ({
	page,
	world
}) => {
	const gone = await world.person({ status: 'deactivated', name: world.unique('Dee Activated') });
	const organization = world.unique('org');
	const roomId = await world.indexedRoom({
		defaultAccesses: [],
		groupsAccesses: {},
		usersAccesses: {},
		organizationId: organization
	});
	const admin = await world.person({ role: 'admin' });
	await signIn(page, admin);
	await page.goto(`/inspect?person=${gone.id}&room=${roomId}`);
	await expect(page.getByTestId('token-refusal')).toContainText('deactivated');
	await expect(page.getByTestId('predicted-refused')).toContainText('4001');
	await expect(page.getByTestId('token-organization')).toHaveText(
		`Their ID token for this room carries organizationId: ${organization}: Liveblocks lets it into rooms of organization ${organization} only.`
	);
	await page.getByLabel('Search their rooms').fill(roomId);
	await page.getByRole('button', { name: 'Search', exact: true }).click();
	await expect(page.getByTestId('no-rooms')).toContainText(`None of their rooms matches “${roomId}”`);
});

test('members cannot open the inspector', async ({ page, world }) => {
	await signIn(page, await world.person());
	const response = await page.goto('/inspect');
	expect(response?.status()).toBe(403);
});

test('person and group pages list the rooms each can get into', async ({ page, world }) => {
	const designers = await world.group();
	const mia = await world.person({ groups: [designers] });
	// Everyone can enter the rooms other tests open to all; ids starting "0" put these two on the
	// first page of Mia's rooms, which is in id order.
	const viaGroup = await world.indexedRoom(
		{ defaultAccesses: [], groupsAccesses: { [designers]: ['room:write'] }, usersAccesses: {} },
		'0-listed-first'
	);
	const ownEntry = await world.indexedRoom(
		{ defaultAccesses: [], groupsAccesses: {}, usersAccesses: { [mia.id]: ['room:read'] } },
		'0-listed-first'
	);
	await signIn(page, await world.person({ role: 'support' }));

	await page.goto(`/people/${mia.id}`);
	await expect(page.locator(`[data-room="${viaGroup}"]`).getByTestId('room-summary')).toHaveText('Can edit');
	await expect(page.locator(`[data-room="${ownEntry}"]`).getByTestId('room-summary')).toHaveText('Can view');
	await page.locator(`[data-room="${ownEntry}"]`).getByRole('link', { name: 'Editor' }).click();
	await expect(page.getByTestId('why-summary')).toContainText('Can view');

	await page.goto(`/groups/${designers}`);
	await expect(page.getByTestId('group-rooms')).toContainText(viaGroup);
	await expect(page.getByTestId('group-rooms')).not.toContainText(ownEntry);
});
