import type { Page } from '@playwright/test';
import { expect, signIn, test, type World } from './fixtures';

// The README's pictures of the console, taken from the real app on every run, on a desktop and on
// a phone. Each test makes its own small, readable directory so the picture shows only it.

async function designTeam(world: World) {
	const group = world.unique('design');
	await world.db.group.create({ data: { id: group, name: 'Design team' } });
	const members = [];
	for (const name of ['Ada Lovelace', 'Grace Hopper', 'Alan Turing', 'Katherine Johnson']) {
		members.push(await world.person({ name, groups: [group] }));
	}
	const guest = await world.person({ name: 'Edsger Dijkstra' });
	const roomId = await world.indexedRoom({
		defaultAccesses: ['room:read'],
		groupsAccesses: { [group]: ['room:write'] },
		usersAccesses: { [guest.id]: ['room:read', 'comments:write'] },
		metadata: { title: 'Product roadmap' }
	});
	const admin = await world.person({ role: 'admin', name: 'Margaret Hamilton' });
	return { group, roomId, admin };
}

async function shoot(page: Page, name: string) {
	// Fonts and streamed parts settle before the picture.
	await page.evaluate(() => document.fonts.ready);
	await page.screenshot({ path: `docs/screenshots/${name}.png` });
}

test.describe('on a desktop', () => {
	test.use({ viewport: { width: 1280, height: 800 } });

	test('the access editor and the people list', async ({ page, world }) => {
		test.slow(); // two pages, each pictured once it has settled
		const { group, roomId, admin } = await designTeam(world);
		await signIn(page, admin);
		await page.goto(`/rooms/${roomId}/access`);
		await expect(page.getByRole('heading', { name: 'Access to Product roadmap' })).toBeVisible();
		await shoot(page, 'access-editor');

		await page.goto(`/people?group=${group}`);
		await expect(page.getByText('Katherine Johnson')).toBeVisible();
		await shoot(page, 'people');
	});
});

test.describe('on a phone', () => {
	test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

	test('the access editor, the people with access and the menu', async ({ page, world }) => {
		test.slow(); // three pages, each pictured once it has settled
		const { group, roomId, admin } = await designTeam(world);
		await signIn(page, admin);
		await page.goto(`/rooms/${roomId}/access`);
		await expect(page.getByRole('heading', { name: 'Access to Product roadmap' })).toBeVisible();
		await shoot(page, 'phone-access-editor');

		await page.goto(`/rooms/${roomId}/people?everyone=1&group=${group}`);
		await expect(page.getByText('Katherine Johnson')).toBeVisible();
		await shoot(page, 'phone-people-with-access');

		await page.getByRole('banner').getByRole('button', { name: 'Menu', exact: true }).click();
		await expect(page.getByRole('dialog', { name: 'Menu' })).toBeVisible();
		await shoot(page, 'phone-menu');
	});
});
