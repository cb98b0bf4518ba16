import { forgedPost } from './directory-fixtures';
import { expect, signIn, test } from './fixtures';

test('an admin syncs, searches, creates a room from a preset, opens it live and deletes it', async ({
	page,
	world
}) => {
	test.slow(); // a sync, a creation, a live connection to Liveblocks and a deletion
	const admin = await world.person({ role: 'admin' });
	const elsewhere = await world.room({
		defaultAccesses: [],
		metadata: { title: world.unique('Made elsewhere') }
	});
	await signIn(page, admin);
	await page.goto('/rooms');

	await page.getByRole('button', { name: 'Sync from Liveblocks' }).click();
	await expect(page.getByTestId('sync-result')).toContainText(/Synced \d+ rooms from Liveblocks/);
	// The search applies as you type, as on the people list, and the field keeps the focus.
	await page.getByLabel('Search rooms').fill(elsewhere.slice(-8).toUpperCase());
	await expect(page).toHaveURL(new RegExp(`q=${elsewhere.slice(-8).toUpperCase()}`));
	await expect(page.getByLabel('Search rooms')).toBeFocused();
	await expect(page.getByTestId('rooms').getByRole('row')).toHaveCount(2);
	await expect(page.getByRole('row').filter({ hasText: elsewhere })).toContainText('Made elsewhere');

	const roomId = world.unique('created');
	const title = world.unique('Board');
	await page.getByRole('link', { name: 'New room' }).click();
	await page.getByLabel('Id', { exact: true }).fill(roomId);
	await page.getByLabel('Key 1').fill('title');
	await page.getByLabel('Value 1').fill(title);
	await page.getByLabel('Can view', { exact: true }).check();
	await page.getByRole('button', { name: 'Create room' }).click();

	await expect(page).toHaveURL(new RegExp(`/rooms/${roomId}/access\\?created$`));
	await expect(page.getByTestId('created-notice')).toContainText(`Created the room ${roomId}`);
	await expect(page.getByRole('heading', { name: `Access to ${title}` })).toBeVisible();
	await page.goto(`/rooms?q=${roomId}`);
	const row = page.getByRole('row').filter({ hasText: roomId });
	await expect(row).toContainText(title);
	await expect(row.getByTestId('connected-now')).toHaveText('0');

	await page.goto('/rooms/new');
	await page.getByLabel('Id', { exact: true }).fill(roomId);
	await page.getByRole('button', { name: 'Create room' }).click();
	await expect(page.getByText('A room with this id exists.')).toBeVisible();
	await expect(page.getByLabel('Id', { exact: true })).toHaveValue(roomId);

	await page.goto(`/rooms?q=${roomId}`);
	await page.getByRole('row').filter({ hasText: roomId }).getByRole('link', { name: 'Live room' }).click();
	await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
	await expect(page.getByTestId('can-write')).toHaveText('false');

	await page.goto(`/rooms?q=${roomId}`);
	await page.getByRole('row').filter({ hasText: roomId }).getByRole('link', { name: 'Delete' }).click();
	await page.getByLabel(/Type .* to confirm/).fill('not-the-id');
	await page.getByRole('button', { name: 'Delete this room' }).click();
	await expect(page.getByText('Type the room id exactly to confirm.')).toBeVisible();
	await page.getByLabel(/Type .* to confirm/).fill(roomId);
	await page.getByRole('button', { name: 'Delete this room' }).click();
	await expect(page.getByTestId('deleted-notice')).toContainText(roomId);
	await expect(world.liveblocks.getRoom(roomId)).rejects.toMatchObject({ status: 404 });
	const audit = await world.db.auditEvent.findMany({
		where: { targetType: 'room', targetId: roomId },
		orderBy: { id: 'asc' }
	});
	expect(audit.map((event) => [event.action, event.actorId])).toEqual([
		['room.created', admin.id],
		['room.deleted', admin.id]
	]);
});

test('support sees the rooms read-only and the server refuses their writes', async ({ page, world }) => {
	const support = await world.person({ role: 'support' });
	const roomId = await world.room({ defaultAccesses: ['room:read'] });
	await world.db.room.create({
		data: { id: roomId, organizationId: 'default', createdAt: new Date(), searchText: roomId }
	});
	await signIn(page, support);

	await page.goto(`/rooms?q=${roomId}`);
	await expect(page.getByTestId('read-only')).toBeVisible();
	await expect(page.getByRole('button', { name: 'Sync from Liveblocks' })).toHaveCount(0);
	await expect(page.getByRole('link', { name: 'New room' })).toHaveCount(0);
	await expect(page.locator('button:disabled, input:disabled, select:disabled')).toHaveCount(0);
	await expect(
		page.getByRole('row').filter({ hasText: roomId }).getByRole('link', { name: 'Delete' })
	).toHaveCount(0);
	// Typed in by hand, the admin-only pages say so instead of offering a form.
	const disabledControls = page.locator(
		'button:disabled, input:disabled, select:disabled, textarea:disabled'
	);
	await page.goto('/rooms/new');
	await expect(page.getByTestId('read-only')).toContainText('Only admins create rooms.');
	await expect(page.locator('main form')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Create room' })).toHaveCount(0);
	await expect(disabledControls).toHaveCount(0);
	await page.goto(`/rooms/${roomId}/delete`);
	await expect(page.getByTestId('read-only')).toContainText('Only admins delete rooms.');
	await expect(page.getByTestId('what-is-lost')).toHaveCount(0);
	await expect(page.locator('main form')).toHaveCount(0);
	await expect(page.getByRole('button', { name: 'Delete this room' })).toHaveCount(0);
	await expect(disabledControls).toHaveCount(0);
	await expect(page.getByRole('link', { name: `Back to ${roomId}` })).toHaveAttribute(
		'href',
		`/rooms/${roomId}/access`
	);

	const sync = await forgedPost(page, '/rooms?/sync');
	expect(sync.status()).toBe(403);
	expect((await forgedPost(page, '/rooms/sync')).status()).toBe(403);
	const create = await forgedPost(page, '/rooms/new', { id: world.unique('forged'), preset: 'edit' });
	expect(create.status()).toBe(403);
	const remove = await forgedPost(page, `/rooms/${roomId}/delete`, { confirm: roomId });
	expect(remove.status()).toBe(403);
	expect((await world.liveblocks.getRoom(roomId)).id).toBe(roomId);
});

test('members get 403 on the room pages', async ({ page, world }) => {
	const member = await world.person();
	const roomId = await world.room({ defaultAccesses: [] });
	await signIn(page, member);
	for (const path of ['/rooms', '/rooms/new', `/rooms/${roomId}/delete`, `/rooms/${roomId}/access`]) {
		expect((await page.goto(path))?.status(), path).toBe(403);
	}
});

test('opening a room made elsewhere brings it into the index', async ({ page, world }) => {
	const admin = await world.person({ role: 'admin' });
	const title = world.unique('Opened');
	const roomId = await world.room({ defaultAccesses: ['room:write'], metadata: { title } });
	await signIn(page, admin);

	await page.goto(`/rooms/${roomId}/live`);
	await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
	await page.goto(`/rooms?q=${title}`);
	await expect(page.getByRole('row').filter({ hasText: roomId })).toContainText(title);
});

test.describe('without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('the sync is a plain post that answers with the result', async ({ page, world }) => {
		const admin = await world.person({ role: 'admin' });
		const roomId = await world.room({ defaultAccesses: [] });
		await signIn(page, admin);
		await page.goto('/rooms');
		await page.getByRole('button', { name: 'Sync from Liveblocks' }).click();
		await expect(page.getByTestId('sync-result')).toContainText(/Synced \d+ rooms from Liveblocks/);
		await page.goto(`/rooms?q=${roomId}`);
		await expect(page.getByRole('row').filter({ hasText: roomId })).toHaveCount(1);
	});
});
