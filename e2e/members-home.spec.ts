import { join } from 'node:path';
import type { CreateRoomOptions } from '@liveblocks/node';
import { mirrorRoom } from '../src/lib/server/rooms/mirror';
import { expect, signIn, test } from './fixtures';

type World = Parameters<Parameters<typeof test>[2]>[0]['world'];

/** A room in Liveblocks and in Gatehouse's index, as a sync leaves it. */
async function indexedRoom(world: World, options: CreateRoomOptions) {
	const id = await world.room(options);
	await mirrorRoom(world.db, await world.liveblocks.getRoom(id));
	return id;
}

test('the members’ home lists the rooms a member can enter with their level, and search narrows them', async ({
	page,
	world
}) => {
	// Five rooms made through Liveblocks before the browser even starts.
	test.slow();
	const tag = world.unique('home');
	const group = await world.group();
	const member = await world.person({ groups: [group] });
	const rooms = {
		edit: await indexedRoom(world, {
			defaultAccesses: [],
			groupsAccesses: { [group]: ['*:write'] },
			metadata: { title: `${tag} Alpha` }
		}),
		comment: await indexedRoom(world, {
			defaultAccesses: [],
			usersAccesses: { [member.id]: ['*:read', 'comments:write'] },
			metadata: { title: `${tag} Beta` }
		}),
		view: await indexedRoom(world, {
			defaultAccesses: [],
			usersAccesses: { [member.id]: ['*:read'] },
			metadata: { title: `${tag} Gamma` }
		}),
		closed: await indexedRoom(world, { defaultAccesses: [], metadata: { title: `${tag} Closed` } })
	};

	await signIn(page, member);
	await expect(page).toHaveURL(/\/me$/);
	await expect(page.getByTestId('profile-groups')).toHaveText(group);
	await page.getByLabel('Search your rooms').fill(tag);
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(page).toHaveURL(new RegExp(`\\?q=${tag}$`));
	await expect(page.getByTestId('room-count')).toHaveText(`3 rooms matching “${tag}”`);
	const badgeOf = (title: string) =>
		page.getByTestId('my-room').filter({ hasText: title }).getByTestId('room-access');
	await expect(badgeOf(`${tag} Alpha`)).toHaveText('Can edit');
	await expect(badgeOf(`${tag} Beta`)).toHaveText('Can comment');
	await expect(badgeOf(`${tag} Gamma`)).toHaveText('Can view');
	await expect(page.getByTestId('my-rooms')).not.toContainText(`${tag} Closed`);
	await expect(page.getByRole('link', { name: `Open ${tag} Gamma` })).toHaveAttribute(
		'href',
		new RegExp(`/rooms/${rooms.view}/`)
	);

	// Typing is enough, as on every list; Search stays for the keyboard and without JavaScript.
	await page.getByLabel('Search your rooms').fill(`${tag} Beta`);
	await expect(page).toHaveURL(new RegExp(`\\?q=${tag}(%20|\\+)Beta$`));
	await expect(page.getByTestId('my-room')).toHaveCount(1);
	await expect(page.getByTestId('my-room')).toContainText(`${tag} Beta`);

	await page.getByLabel('Search your rooms').fill(`${tag} Closed`);
	await page.getByRole('button', { name: 'Search' }).click();
	await expect(page.getByTestId('no-rooms')).toHaveText(`None of your rooms matches “${tag} Closed”.`);
	expect(rooms.closed).toBeTruthy();

	// On a phone the page fits the width: nothing scrolls sideways.
	await page.setViewportSize({ width: 390, height: 844 });
	await page.goto(`/me?q=${tag}`);
	expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('screenshot: a member’s home with a few rooms and decided requests', async ({ page, world }) => {
	test.slow();
	const design = await world.db.group.create({
		data: { id: world.unique('design'), name: 'Design' }
	});
	const member = await world.person({ name: 'Mia Lindqvist', groups: [design.id] });
	await world.db.person.update({ where: { id: member.id }, data: { color: '#7c3aed' } });
	const admin = await world.person({ role: 'admin', name: 'Ada Admin' });
	const room = (title: string, options: Omit<CreateRoomOptions, 'defaultAccesses'>) =>
		indexedRoom(world, { defaultAccesses: [], ...options, metadata: { title: `Northwind · ${title}` } });
	await room('Design review', { groupsAccesses: { [design.id]: ['*:write'] } });
	const launch = await room('Launch plan', { usersAccesses: { [member.id]: ['*:write'] } });
	await room('Roadmap', { usersAccesses: { [member.id]: ['*:read', 'comments:write'] } });
	await room('Brand guidelines', { usersAccesses: { [member.id]: ['*:read'] } });
	const payroll = await room('Payroll', {});
	const hour = 3600_000;
	await world.db.accessRequest.createMany({
		data: [
			{
				personId: member.id,
				roomId: launch,
				status: 'approved',
				level: 'edit',
				requestedAt: new Date(Date.now() - 26 * hour),
				decidedAt: new Date(Date.now() - 20 * hour),
				decidedById: admin.id
			},
			{
				personId: member.id,
				roomId: payroll,
				status: 'declined',
				message: 'To check the Q3 numbers',
				declineReason: 'Payroll is for the finance team; ask Ada for the summary.',
				requestedAt: new Date(Date.now() - 3 * hour),
				decidedAt: new Date(Date.now() - 2 * hour),
				decidedById: admin.id
			}
		]
	});

	await page.setViewportSize({ width: 1366, height: 900 });
	await signIn(page, member);
	// Only this member's rooms: in a full run the shared index also holds other tests' open rooms.
	await page.goto('/me?q=Northwind');
	await expect(page.getByTestId('my-room')).toHaveCount(4);
	await expect(page.getByTestId('my-request')).toHaveCount(2);
	await page.screenshot({
		path: join(import.meta.dirname, '../docs/screenshots/members-home.png'),
		fullPage: true
	});
});
