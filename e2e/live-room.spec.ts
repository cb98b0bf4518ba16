import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import {
	policyViolation,
	expect,
	signIn,
	test,
	waitForHydrationAfterGoto,
	type TestPerson
} from './fixtures';

const screenshotPath = fileURLToPath(new URL('../docs/screenshots/live-room.png', import.meta.url));

/** Each person's own browser, closed after every test so no socket outlives it. */
const contexts: BrowserContext[] = [];
/** What the Content-Security-Policy refused in any of them: the live room must need nothing it refuses. */
const violations: string[] = [];
test.afterEach(async () => {
	await Promise.all(contexts.splice(0).map((context) => context.close()));
	expect(violations.splice(0), 'Content-Security-Policy and Permissions-Policy problems').toEqual([]);
});

async function openLiveRoom(
	browser: Browser,
	person: TestPerson,
	roomId: string,
	viewport = { width: 1366, height: 900 }
): Promise<Page> {
	const context = await browser.newContext({ viewport });
	contexts.push(context);
	const page = waitForHydrationAfterGoto(await context.newPage());
	page.on('console', (message) => {
		if (policyViolation.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
	});
	await signIn(page, person);
	await page.goto(`/rooms/${roomId}/live`);
	return page;
}

/** Moves the mouse to a point of the shared area given as fractions of its size. */
async function pointAt(page: Page, x: number, y: number) {
	const box = (await page.getByTestId('shared-area').boundingBox())!;
	await page.mouse.move(box.x + box.width * x, box.y + box.height * y);
}

function connected(page: Page) {
	return expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
}

test('members with write, read-only and no access see what Liveblocks grants them', async ({
	browser,
	world
}) => {
	test.slow(); // three people sign in and join, each in a browser of their own
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

	const writerPage = await openLiveRoom(browser, writer, roomId);
	await connected(writerPage);
	await expect(writerPage.getByTestId('self-id')).toHaveText(writer.id);
	await expect(writerPage.getByTestId('self-info')).toContainText('Wendy Writer');
	await expect(writerPage.getByTestId('can-write')).toHaveText('true');
	await expect(writerPage.getByTestId('can-comment')).toHaveText('true');
	await expect(writerPage.getByTestId('self-presence')).toHaveText('{"cursor":null}');

	const readerPage = await openLiveRoom(browser, reader, roomId);
	await connected(readerPage);
	await expect(readerPage.getByTestId('self-id')).toHaveText(reader.id);
	await expect(readerPage.getByTestId('can-write')).toHaveText('false');

	const outsiderPage = await openLiveRoom(browser, outsider, roomId);
	await expect(outsiderPage.getByTestId('connection-status')).toHaveAttribute('data-status', 'refused');
	const refusal = outsiderPage.getByTestId('no-access');
	await expect(refusal).toContainText('You have no access to this room.');
	await expect(refusal.getByRole('link', { name: 'Request access' })).toHaveAttribute(
		'href',
		`/rooms/${roomId}/request-access`
	);
	await expect(refusal.getByRole('link', { name: 'Open in the inspector' })).toHaveCount(0);
	await expect(outsiderPage.getByTestId('self')).toHaveCount(0);
});

test("a writer and a read-only member see each other, each other's cursors and the writer's notes", async ({
	browser,
	world
}) => {
	test.slow(); // two people sign in and go back and forth
	const roomId = await world.room({ defaultAccesses: [] });
	const writer = await world.person({ name: 'Wendy Writer' });
	const reader = await world.person({ name: 'Rita Reader' });
	// Read-only people share presence only where the room says so (hosted Liveblocks enforces it).
	await world.liveblocks.updateRoom(roomId, {
		usersAccesses: { [writer.id]: ['room:write'], [reader.id]: ['room:read', 'room:presence:write'] }
	});

	const writerPage = await openLiveRoom(browser, writer, roomId);
	const readerPage = await openLiveRoom(browser, reader, roomId, { width: 390, height: 844 });
	await connected(writerPage);
	await connected(readerPage);

	const presentOn = (page: Page, person: TestPerson) =>
		page.locator(`[data-testid="person-present"][data-person-id="${person.id}"]`);
	await expect(presentOn(writerPage, writer)).toContainText(`${writer.name} (you)`);
	await expect(presentOn(writerPage, reader)).toContainText(reader.name);
	await expect(presentOn(writerPage, reader)).toContainText('Read only');
	await expect(presentOn(writerPage, reader)).not.toContainText('(you)');
	await expect(presentOn(readerPage, reader)).toContainText(`${reader.name} (you)`);
	await expect(presentOn(readerPage, writer)).toContainText(writer.name);
	await expect(presentOn(readerPage, writer)).not.toContainText('Read only');

	// Cursors travel as fractions of the shared area, so a phone and a laptop agree on where they are.
	const cursorOf = (page: Page, person: TestPerson) =>
		page.locator(`[data-testid="cursor"][data-person-id="${person.id}"]`);
	await pointAt(writerPage, 0.25, 0.5);
	await expect(cursorOf(readerPage, writer)).toHaveText(writer.name);
	await expect(cursorOf(readerPage, writer)).toHaveAttribute('style', /left: 25%; top: 50%/);
	await expect(writerPage.getByTestId('self-presence')).toHaveText('{"cursor":{"x":0.25,"y":0.5}}');
	await pointAt(readerPage, 0.75, 0.25);
	await expect(cursorOf(writerPage, reader)).toHaveText(reader.name);
	await expect(cursorOf(writerPage, reader)).toHaveAttribute('style', /left: 75%; top: 25%/);
	await expect(cursorOf(writerPage, writer)).toHaveCount(0);

	await writerPage.getByRole('button', { name: 'Add note' }).click();
	await expect(writerPage.getByText('Write something first.')).toBeVisible();
	await writerPage.getByLabel('New note').fill('Ship the access review on Friday');
	await writerPage.getByLabel('New note').press('Enter');
	await expect(writerPage.getByLabel('New note')).toHaveValue('');
	for (const page of [writerPage, readerPage]) {
		const note = page.getByTestId('note');
		await expect(note).toHaveCount(1);
		await expect(note).toContainText('Ship the access review on Friday');
		await expect(note).toContainText(writer.name);
	}

	await expect(readerPage.getByTestId('notes-read-only')).toContainText('read only');
	await expect(readerPage.getByLabel('New note')).toBeDisabled();
	await expect(readerPage.getByRole('button', { name: 'Add note' })).toBeDisabled();
	await expect(readerPage.getByRole('button', { name: /^Remove note/ })).toBeDisabled();
	await expect(writerPage.getByTestId('notes-read-only')).toHaveCount(0);

	// The page's own content fits a 390 px phone (what clips inside the shared area does not count).
	const main = readerPage.getByRole('main');
	expect(await main.evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);

	await writerPage.mouse.move(0, 0);
	await pointAt(readerPage, 0.62, 0.4);
	await expect(cursorOf(writerPage, reader)).toBeVisible();
	await writerPage.screenshot({ path: screenshotPath, fullPage: true });

	// Removing asks nothing, and Undo puts the note back for everyone.
	const remove = writerPage.getByRole('button', { name: 'Remove note “Ship the access review on Friday”' });
	await remove.click();
	await expect(readerPage.getByTestId('no-notes')).toHaveText('No notes yet.');
	await expect(writerPage.getByTestId('note-removed')).toContainText(
		'Removed “Ship the access review on Friday”.'
	);
	await writerPage.getByTestId('note-removed').getByRole('button', { name: 'Undo' }).click();
	await expect(readerPage.getByTestId('note')).toContainText('Ship the access review on Friday');
	await expect(writerPage.getByTestId('note-removed')).toBeEmpty();
	await remove.click();
	await expect(readerPage.getByTestId('no-notes')).toHaveText('No notes yet.');

	// Leaving the page leaves the room.
	await readerPage.goto('/me');
	await expect(presentOn(writerPage, reader)).toHaveCount(0);
	await expect(cursorOf(writerPage, reader)).toHaveCount(0);
});

test('a support person refused in a room sees why, Request access and a link to the inspector', async ({
	browser,
	world
}) => {
	const roomId = await world.room({ defaultAccesses: [] });
	const support = await world.person({ role: 'support' });
	const page = await openLiveRoom(browser, support, roomId);
	await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'refused');
	const refusal = page.getByTestId('no-access');
	await expect(refusal).toContainText('You have no access to this room.');
	await expect(refusal.getByRole('link', { name: 'Open in the inspector' })).toHaveAttribute(
		'href',
		`/inspect?person=${support.id}&room=${roomId}`
	);
	await expect(refusal.getByRole('link', { name: 'Request access' })).toBeVisible();
});

test('Reconnect opens a new connection: an access change arrives, and a deactivation refuses with its reason', async ({
	browser,
	world
}) => {
	const member = await world.person();
	const roomId = await world.room({ defaultAccesses: [], usersAccesses: { [member.id]: ['room:read'] } });
	const page = await openLiveRoom(browser, member, roomId);
	await connected(page);
	await expect(page.getByTestId('can-write')).toHaveText('false');
	await expect(page.getByText('Access changes apply to new connections.')).toBeVisible();

	await world.liveblocks.updateRoom(roomId, { usersAccesses: { [member.id]: ['room:write'] } });
	await page.getByRole('button', { name: 'Reconnect' }).click();
	await expect(page.getByTestId('can-write')).toHaveText('true');
	await expect(page.getByRole('button', { name: 'Add note' })).toBeEnabled();

	await world.db.person.update({ where: { id: member.id }, data: { status: 'deactivated' } });
	await page.getByRole('button', { name: 'Reconnect' }).click();
	await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'refused');
	const refusal = page.getByTestId('no-access');
	await expect(refusal).toContainText(
		'Gatehouse did not let you join: This account is deactivated: it cannot join rooms.'
	);
	await expect(refusal.getByRole('link', { name: 'Request access' })).toHaveCount(0);
});

test('a member who joined rooms too often is told how long to wait, and the room joins once the wait is over', async ({
	browser,
	world
}) => {
	const member = await world.person();
	const roomId = await world.room({ defaultAccesses: ['room:write'] });
	const context = await browser.newContext();
	contexts.push(context);
	const page = waitForHydrationAfterGoto(await context.newPage());
	await signIn(page, member);
	// The whole minute's allowance (LIVEBLOCKS_TOKENS_PER_MINUTE, default 60), as a script would use it.
	const origin = new URL(page.url()).origin;
	for (let token = 0; token < 60; token++) {
		const answer = await page.request.post('/api/liveblocks-auth', {
			data: { room: roomId },
			headers: { origin }
		});
		expect(answer.status()).toBe(200);
	}
	// The page's timers run on a clock the test can move on, so the wait need not take a minute.
	await page.clock.install();
	await page.goto(`/rooms/${roomId}/live`);

	await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'waiting');
	await expect(page.getByTestId('connection-status')).toHaveText('Waiting…');
	const notice = page.getByTestId('rate-limited');
	const wait = page.getByTestId('rate-limited-wait');
	await expect(wait).toHaveText(/^\s*You have joined rooms too often; try again in \d+ seconds?\.\s*$/);
	await expect(notice).toContainText('This page joins the room by itself then.');
	const waitSeconds = Number(/in (\d+) second/.exec((await wait.textContent())!)![1]);
	expect(waitSeconds).toBeGreaterThan(0);
	expect(waitSeconds).toBeLessThanOrEqual(60);
	await expect(page.getByTestId('no-access')).toHaveCount(0);

	// The minute passes: in the database (the person's window ends) and on the page's clock.
	await world.db.tokenRateLimit.update({ where: { key: member.id }, data: { expiresAt: new Date(0) } });
	await page.clock.fastForward(61_000);
	await connected(page);
	await expect(notice).toHaveCount(0);
	await expect(page.getByTestId('self-id')).toHaveText(member.id);
});

test('each room gets a Liveblocks client of its own: moving to another room asks for a token for it', async ({
	browser,
	world
}) => {
	const member = await world.person();
	// Rooms of two organizations: a token for one would not enter the other on hosted Liveblocks.
	const first = await world.indexedRoom({
		defaultAccesses: ['room:write'],
		organizationId: world.unique('org')
	});
	const second = await world.indexedRoom({
		defaultAccesses: ['room:write'],
		organizationId: world.unique('org')
	});
	const context = await browser.newContext();
	contexts.push(context);
	const page = waitForHydrationAfterGoto(await context.newPage());
	const tokenRequests: unknown[] = [];
	page.on('request', (request) => {
		if (request.url().endsWith('/api/liveblocks-auth')) tokenRequests.push(request.postDataJSON());
	});
	await signIn(page, member);
	await page.goto(`/rooms/${first}/live`);
	await connected(page);
	expect(tokenRequests).toEqual([{ room: first }]);

	// A link from one live room to another, as a room switcher would be: SvelteKit navigates in the
	// page, keeping the page component, and only the room id changes.
	await page.getByRole('heading', { level: 1 }).evaluate((heading, href) => {
		const link = document.createElement('a');
		link.href = href;
		link.textContent = 'Next room';
		heading.after(link);
	}, `/rooms/${second}/live`);
	await page.getByRole('link', { name: 'Next room' }).click();
	await expect(page).toHaveURL(`/rooms/${second}/live`);
	await expect(page.getByRole('heading', { level: 1 })).toContainText(second);
	await connected(page);
	await expect(page.getByTestId('self-id')).toHaveText(member.id);
	// A client shared with the first room would have entered with its token, asking for none.
	expect(tokenRequests).toEqual([{ room: first }, { room: second }]);
	// And the first room was left.
	await expect.poll(async () => (await world.liveblocks.getActiveUsers(first)).data.length).toBe(0);
});
