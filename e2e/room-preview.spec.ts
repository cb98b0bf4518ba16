import { expect, signIn, test, waitForHydrationAfterGoto } from './fixtures';

test('members with write, read-only and no access see what Liveblocks grants them', async ({
	browser,
	world
}) => {
	const editors = await world.group();
	const roomId = await world.room({
		defaultAccesses: [],
		groupsAccesses: { [editors]: ['room:write'] },
		usersAccesses: {}
	});
	const writer = await world.person({ groups: [editors], name: 'Wendy Writer' });
	const reader = await world.person({ name: 'Rita Reader' });
	const outsider = await world.person({ name: 'Olaf Outsider' });
	await world.liveblocks.updateRoom(roomId, { usersAccesses: { [reader.id]: ['room:read'] } });

	const open = async (person: typeof writer) => {
		const context = await browser.newContext();
		const page = waitForHydrationAfterGoto(await context.newPage());
		await signIn(page, person);
		await page.goto(`/rooms/${roomId}/preview`);
		return page;
	};

	const writerPage = await open(writer);
	await expect(writerPage.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
	await expect(writerPage.getByTestId('self-id')).toHaveText(writer.id);
	await expect(writerPage.getByTestId('self-info')).toContainText('Wendy Writer');
	await expect(writerPage.getByTestId('can-write')).toHaveText('true');
	await expect(writerPage.getByTestId('can-comment')).toHaveText('true');

	const readerPage = await open(reader);
	await expect(readerPage.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
	await expect(readerPage.getByTestId('self-id')).toHaveText(reader.id);
	await expect(readerPage.getByTestId('can-write')).toHaveText('false');

	const outsiderPage = await open(outsider);
	await expect(outsiderPage.getByTestId('no-access')).toContainText('You have no access to this room.');
	await expect(outsiderPage.getByTestId('self')).toHaveCount(0);
});
