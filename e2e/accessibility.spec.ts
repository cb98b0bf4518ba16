import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { cell, openReview } from './access-editor-steps';
import { memberWorld, staffPages, staffWorld } from './every-page';
import { expect, signIn, test } from './fixtures';

// An axe-core scan of every page each role can open: no violation of WCAG 2 A or AA that axe rates
// serious or critical (contrast, names of controls and fields, landmarks, ARIA misuse).

const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];

// A scan takes several seconds a page when the machine is busy; each test scans up to ten pages.
test.describe.configure({ timeout: 300_000 });

/** What axe finds on the page as it is now, one readable paragraph per serious or critical rule. */
async function seriousViolations(page: Page, what: string): Promise<string[]> {
	const { violations } = await new AxeBuilder({ page }).withTags(wcagTags).analyze();
	return violations
		.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
		.map((violation) => {
			const nodes = violation.nodes.slice(0, 4).map((node) => {
				const why = (node.failureSummary ?? '').replace(/\s*\n\s*/g, ' ');
				return `    ${node.target.join(' ')}\n      ${why}`;
			});
			const more = violation.nodes.length > 4 ? [`    … and ${violation.nodes.length - 4} more`] : [];
			return [`${what}: ${violation.impact} ${violation.id}: ${violation.help}`, ...nodes, ...more].join(
				'\n'
			);
		});
}

/** Opens each page in turn and returns what axe finds on all of them. */
async function scanPages(page: Page, paths: string[]): Promise<string[]> {
	const found: string[] = [];
	for (const path of paths) {
		await page.goto(path);
		if (path.endsWith('/live')) await liveRoomSettled(page);
		found.push(...(await seriousViolations(page, path)));
	}
	return found;
}

/** Fails once at the end with everything found, so one run lists all the problems, not the first page's. */
function expectNoneOf(found: string[]) {
	expect(found.join('\n\n'), 'serious or critical accessibility violations').toBe('');
}

/** The live room is scanned once it has settled: connected, or refused with its notice. */
async function liveRoomSettled(page: Page) {
	await expect(
		page.locator('[data-testid="connection-status"][data-status="connected"], [data-testid="no-access"]')
	).toBeVisible();
}

for (const role of ['admin', 'support'] as const) {
	for (const part of ['people and groups', 'rooms', 'requests, inspector, audit and account'] as const) {
		test(`${role}: the ${part} pages pass an accessibility scan`, async ({ page, world }) => {
			const staff = await world.person({ role });
			const pages = staffPages(await staffWorld(world))[part];
			await signIn(page, staff);
			expectNoneOf(await scanPages(page, pages));
		});
	}
}

test('the access editor with an edit pending, Why? open, the review and a conflict passes an accessibility scan', async ({
	page,
	world
}) => {
	const group = await world.group();
	const roomId = await world.room({ defaultAccesses: [], groupsAccesses: { [group]: ['room:read'] } });
	await signIn(page, await world.person({ role: 'admin' }));
	await page.goto(`/rooms/${roomId}/access`);

	await cell(page, 'Storage', group).selectOption('write');
	const found = await seriousViolations(page, 'a pending edit');
	await page.getByRole('button', { name: `Why does ${group} have this access?` }).click();
	await expect(page.getByTestId('why-panel')).toBeVisible();
	found.push(...(await seriousViolations(page, 'the Why? panel')));

	// Someone changes the room in Liveblocks meanwhile, so the save meets a conflict.
	await world.liveblocks.updateRoom(roomId, { defaultAccesses: ['*:read'] });
	const review = await openReview(page);
	found.push(...(await seriousViolations(page, 'the review dialog')));
	await review.getByRole('button', { name: 'Save' }).click();
	await expect(page.getByTestId('conflict')).toBeVisible();
	found.push(...(await seriousViolations(page, 'the conflict view')));
	expectNoneOf(found);
});

test("an admin's account menu passes an accessibility scan", async ({ page, world }) => {
	await signIn(page, await world.person({ role: 'admin' }));
	await page.getByRole('button', { name: /^Account menu/ }).click();
	await expect(page.getByRole('menu')).toBeVisible();
	expectNoneOf(await seriousViolations(page, 'account menu'));
});

test('the signed-out pages and every page a member opens pass an accessibility scan', async ({
	page,
	world
}) => {
	const member = await world.person();
	const { open, closed, inviteToken } = await memberWorld(world);

	const found = await scanPages(page, ['/signin', `/invite/${inviteToken}`, '/invite/not-a-token']);
	await signIn(page, member);
	found.push(
		...(await scanPages(page, [
			'/me',
			'/account/password',
			`/rooms/${open}/live`,
			`/rooms/${closed}/live`,
			`/rooms/${closed}/request-access`,
			// Refused (403) and missing (404) inside the app shell.
			'/people',
			'/no-such-page'
		]))
	);
	await page.goto(`/rooms/${closed}/request-access`);
	await page.getByRole('button', { name: 'Request access' }).click();
	await expect(page.getByTestId('request-pending')).toBeVisible();
	found.push(...(await seriousViolations(page, 'request sent')));
	expectNoneOf(found);
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

	test('the main pages pass an accessibility scan at 390 px, the menu drawer too', async ({
		page,
		world
	}) => {
		const admin = await world.person({ role: 'admin' });
		const { person, group, roomId } = await staffWorld(world);
		const found = await scanPages(page, ['/signin']);
		await signIn(page, admin);
		found.push(
			...(await scanPages(page, [
				'/people',
				`/people/${person}`,
				`/groups/${group}`,
				'/rooms',
				`/rooms/${roomId}/access`,
				`/rooms/${roomId}/people`,
				`/rooms/${roomId}/live`,
				'/rooms/bulk/new',
				'/inspect',
				'/audit',
				'/me'
			]))
		);
		await page.getByRole('banner').getByRole('button', { name: 'Menu', exact: true }).click();
		await expect(page.getByRole('dialog', { name: 'Menu' })).toBeVisible();
		found.push(...(await seriousViolations(page, 'menu drawer')));
		expectNoneOf(found);
	});
});

test('keyboard focus shows a 2 px ring on links, buttons, fields and checkboxes', async ({ page, world }) => {
	await world.person({ name: world.unique('Focus') });
	await signIn(page, await world.person({ role: 'admin' }));
	await page.goto('/people');
	const rings = new Map<string, string>();
	for (let press = 0; press < 80 && rings.size < 4; press++) {
		await page.keyboard.press('Tab');
		const focused = await page.evaluate(() => {
			const element = document.activeElement as HTMLElement;
			const kind =
				element instanceof HTMLInputElement
					? element.type === 'checkbox'
						? 'checkbox'
						: 'field'
					: element.tagName === 'A'
						? 'link'
						: element.tagName === 'BUTTON'
							? 'button'
							: null;
			const style = getComputedStyle(element);
			return { kind, ring: `${style.outlineStyle} ${style.outlineWidth}` };
		});
		if (focused.kind && !rings.has(focused.kind)) rings.set(focused.kind, focused.ring);
	}
	expect(Object.fromEntries(rings)).toEqual({
		link: 'solid 2px',
		button: 'solid 2px',
		field: 'solid 2px',
		checkbox: 'solid 2px'
	});
});
