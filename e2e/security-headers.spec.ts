import { expect, policyViolation, signIn, signOut, test } from './fixtures';

// The fixture's page fails any test whose pages the Content-Security-Policy refuses something on;
// this walks every main page of the app, so a new inline script or outside source shows up here.
test('every main page runs under the Content-Security-Policy without a refusal', async ({ page, world }) => {
	test.slow(); // many pages, each hydrated
	const admin = await world.person({ role: 'admin' });
	const group = await world.group();
	const roomId = await world.indexedRoom({
		defaultAccesses: ['room:write'],
		metadata: { title: 'CSP check' }
	});
	await signIn(page, admin);
	const pages: [string, string][] = [
		['/rooms', 'Rooms'],
		['/people', 'People'],
		[`/people/${admin.id}`, admin.name],
		['/groups', 'Groups'],
		[`/groups/${group}`, group],
		[`/rooms/${roomId}/access`, 'CSP check'],
		['/rooms/bulk', 'Bulk changes'],
		['/inspect', 'Inspector'],
		['/audit', 'Audit log'],
		['/requests', 'Access requests'],
		['/me', 'Your home'],
		['/account/password', 'Change your password']
	];
	for (const [path, heading] of pages) {
		await page.goto(path);
		await expect(page.getByRole('heading', { level: 1 }).first()).toContainText(heading);
	}
	// The live room: its script connects to Liveblocks (connect-src) and draws with style attributes.
	await page.goto(`/rooms/${roomId}/live`);
	await expect(page.getByTestId('connection-status')).toHaveAttribute('data-status', 'connected');
	const area = (await page.getByTestId('shared-area').boundingBox())!;
	await page.mouse.move(area.x + area.width / 2, area.y + area.height / 2);
	await signOut(page);
	await expect(page.getByLabel('Email')).toBeVisible();
});

test('another site cannot show the app in a frame', async ({ browser, baseURL }) => {
	const outsider = await browser.newPage();
	const refusals: string[] = [];
	outsider.on('console', (message) => {
		if (policyViolation.test(message.text())) refusals.push(message.text());
	});
	await outsider.setContent(`<iframe src="${baseURL}/signin" title="framed"></iframe>`);
	await expect.poll(() => refusals.join('\n')).toContain("frame-ancestors 'none'");
	const framed = outsider.frameLocator('iframe[title="framed"]');
	await expect(framed.getByLabel('Email')).toHaveCount(0);
	await outsider.close();
});
