import type { Page } from '@playwright/test';
import { memberWorld, staffPages, staffWorld } from './every-page';
import { expect, signIn, test, type TestPerson } from './fixtures';

// A phone: every page fits 390 px; only wide tables scroll, inside their own region.
test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

const phoneWidth = 390;

/**
 * Opens a page and checks it does not scroll sideways. On failure the message names the outermost
 * elements that stick out past the right edge (outside any scrolling region of their own).
 */
async function expectFits(page: Page, path: string) {
	await page.goto(path);
	const { scrollWidth, sticking } = await page.evaluate(() => {
		const edge = document.documentElement.clientWidth;
		const scrolls = (element: Element) => getComputedStyle(element).overflowX !== 'visible';
		const sticksOut = (element: Element) => element.getBoundingClientRect().right > edge + 0.5;
		const sticking: string[] = [];
		for (const element of document.body.querySelectorAll('*')) {
			if (!sticksOut(element) || getComputedStyle(element).position === 'fixed') continue;
			let parent = element.parentElement;
			while (parent && parent !== document.body && !scrolls(parent)) parent = parent.parentElement;
			if (parent && parent !== document.body) continue; // clipped or scrolled by its own region
			if (
				element.parentElement &&
				sticksOut(element.parentElement) &&
				element.parentElement !== document.body
			)
				continue; // its parent is reported already
			const classes = typeof element.className === 'string' ? element.className.slice(0, 60) : '';
			const text = (element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
			sticking.push(`<${element.tagName.toLowerCase()} class="${classes}"> ${text}`);
		}
		return { scrollWidth: document.documentElement.scrollWidth, sticking: sticking.slice(0, 5) };
	});
	expect(scrollWidth, `${path} scrolls sideways; sticking out: ${sticking.join(' | ')}`).toBeLessThanOrEqual(
		phoneWidth
	);
}

/** The navigation is behind the menu button: it opens by click or keyboard, Escape closes it, a link leads on. */
async function expectCollapsedMenu(page: Page, link: string, path: RegExp) {
	const button = page.getByRole('banner').getByRole('button', { name: 'Menu', exact: true });
	// While the drawer is open everything else is hidden from assistive technology, the button too.
	const expanded = page.locator('header button[aria-haspopup="dialog"]');
	const drawer = page.getByRole('dialog', { name: 'Menu' });
	const linkInDrawer = drawer.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: link });
	await expect(button).toHaveAttribute('aria-expanded', 'false');
	await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
	await button.click();
	await expect(expanded).toHaveAttribute('aria-expanded', 'true');
	await expect(linkInDrawer).toBeVisible();
	await page.keyboard.press('Escape');
	await expect(drawer).toBeHidden();
	await expect(button).toHaveAttribute('aria-expanded', 'false');
	await expect(button).toBeFocused();

	// By keyboard this time.
	await page.keyboard.press('Enter');
	await expect(linkInDrawer).toBeVisible();
	await linkInDrawer.click();
	await expect(page).toHaveURL(path);
	await expect(drawer).toBeHidden();
}

/** The account menu opens inside the screen with the person's name, role and sign-out. */
async function expectAccountMenu(page: Page, person: TestPerson) {
	await page.getByRole('button', { name: /^Account menu/ }).click();
	const menu = page.getByRole('menu');
	await expect(menu).toContainText(person.name);
	await expect(menu).toContainText(person.role);
	await expect(menu.getByRole('menuitem', { name: 'Sign out' })).toBeVisible();
	const box = (await menu.boundingBox())!;
	expect(box.x).toBeGreaterThanOrEqual(0);
	expect(box.x + box.width).toBeLessThanOrEqual(phoneWidth);
	await page.keyboard.press('Escape');
	await expect(menu).toBeHidden();
}

test('an admin uses every page on a phone without sideways scrolling', async ({ page, world }) => {
	test.slow();
	const admin = await world.person({ role: 'admin' });
	const ids = await staffWorld(world);
	await signIn(page, admin);
	for (const path of Object.values(staffPages(ids)).flat()) await expectFits(page, path);

	await expectCollapsedMenu(page, 'Rooms', /\/rooms$/);
	await expectAccountMenu(page, admin);

	// The access grid scrolls inside its own region, its "Who" column staying in view.
	await page.goto(`/rooms/${ids.roomId}/access`);
	const grid = page.getByRole('grid', { name: 'Access matrix' });
	const region = grid.locator('xpath=..');
	const sizes = await region.evaluate((element) => ({
		scroll: element.scrollWidth,
		client: element.clientWidth
	}));
	expect(sizes.scroll).toBeGreaterThan(sizes.client);
	const who = grid.getByRole('rowheader').filter({ hasText: 'Everyone signed in' });
	const whoBefore = (await who.boundingBox())!.x;
	await region.evaluate((element) => element.scrollBy({ left: 300, behavior: 'instant' }));
	expect(await region.evaluate((element) => element.scrollLeft)).toBeGreaterThan(0);
	expect((await who.boundingBox())!.x).toBeCloseTo(whoBefore, 0);
	expect(await page.evaluate(() => window.scrollX)).toBe(0);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(phoneWidth);
});

test('support staff read every page on a phone without sideways scrolling', async ({ page, world }) => {
	test.slow();
	const support = await world.person({ role: 'support' });
	const ids = await staffWorld(world);
	await signIn(page, support);
	for (const path of Object.values(staffPages(ids)).flat()) await expectFits(page, path);
	await expectCollapsedMenu(page, 'Inspector', /\/inspect$/);
});

test('a member signs in and uses their pages on a phone without sideways scrolling', async ({
	page,
	world
}) => {
	const member = await world.person({ name: 'Bartholomew Oyelaran-Featherstonehaugh' });
	const { open, closed, inviteToken } = await memberWorld(world);

	await expectFits(page, `/invite/${inviteToken}`);
	await expectFits(page, '/signin');
	await signIn(page, member);
	for (const path of ['/me', '/account/password', `/rooms/${open}/live`, `/rooms/${closed}/request-access`]) {
		await expectFits(page, path);
	}
	await expectCollapsedMenu(page, 'Home', /\/me$/);
	await expectAccountMenu(page, member);
});
