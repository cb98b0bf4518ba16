import { randomUUID } from 'node:crypto';
import { test as base, expect, type Page } from '@playwright/test';
import { Liveblocks, type CreateRoomOptions } from '@liveblocks/node';
import { hashPassword } from '../src/lib/server/passwords';
import { mirrorRoom } from '../src/lib/server/rooms/mirror';
import { connectDatabase, type Database } from '../src/lib/server/prisma-client';
import type { Role } from '../src/lib/roles';

export type TestPerson = { id: string; email: string; name: string; password: string; role: Role };

/**
 * Each test makes its own people, groups and rooms, straight in the app's database and Liveblocks
 * dev server (started by global-setup.ts), with unique names so tests never see each other's data.
 */
export class World {
	readonly db: Database = connectDatabase(process.env.GATEHOUSE_E2E_DATABASE_URL!);
	readonly liveblocks = new Liveblocks({
		secret: 'sk_localdev',
		baseUrl: process.env.GATEHOUSE_E2E_LIVEBLOCKS_URL!
	});

	unique(prefix: string) {
		return `${prefix}-${randomUUID().slice(0, 8)}`;
	}

	async person(
		options: { role?: Role; groups?: string[]; status?: 'active' | 'deactivated'; name?: string } = {}
	): Promise<TestPerson> {
		const name = options.name ?? this.unique('Person');
		const email = `${this.unique('e2e')}@example.com`;
		const password = `pw-${randomUUID()}`;
		const role = options.role ?? 'member';
		const person = await this.db.person.create({
			data: {
				email,
				name,
				role,
				status: options.status ?? 'active',
				passwordHash: await hashPassword(password),
				memberships: { create: (options.groups ?? []).map((groupId) => ({ groupId })) }
			}
		});
		return { id: person.id, email, name, password, role };
	}

	async group(): Promise<string> {
		const id = this.unique('group');
		await this.db.group.create({ data: { id, name: id } });
		return id;
	}

	async room(options: CreateRoomOptions): Promise<string> {
		const id = this.unique('room');
		await this.liveblocks.createRoom(id, options);
		return id;
	}

	/** A room in Liveblocks and in the app's room index, as a sync would leave it. */
	async indexedRoom(options: CreateRoomOptions): Promise<string> {
		const id = await this.room(options);
		await mirrorRoom(this.db, await this.liveblocks.getRoom(id));
		return id;
	}

	async dispose() {
		await this.db.$disconnect();
	}
}

/**
 * Makes `page.goto` wait until the app has hydrated (the root layout marks <html>), so a test
 * never types into a form while Svelte takes it over. Only for pages that run JavaScript.
 */
export function waitForHydrationAfterGoto(page: Page): Page {
	const goto = page.goto.bind(page);
	page.goto = async (url, options) => {
		const response = await goto(url, options);
		await page.locator('html[data-hydrated]').waitFor({ state: 'attached' });
		return response;
	};
	return page;
}

/**
 * What Chromium reports on the console when the Content-Security-Policy blocks something, or when
 * it does not understand the Permissions-Policy.
 */
export const policyViolation = /Content Security Policy|Permissions-Policy/i;

export const test = base.extend<{ world: World }>({
	// Every page of every test must run under the app's Content-Security-Policy without Chromium
	// refusing anything: a blocked script, style, connection or eval fails the test.
	page: async ({ page, javaScriptEnabled }, use) => {
		const violations: string[] = [];
		page.on('console', (message) => {
			if (policyViolation.test(message.text())) violations.push(`${page.url()}: ${message.text()}`);
		});
		await use(javaScriptEnabled ? waitForHydrationAfterGoto(page) : page);
		expect(violations, 'Content-Security-Policy and Permissions-Policy problems').toEqual([]);
	},
	// eslint-disable-next-line no-empty-pattern
	world: async ({}, use) => {
		const world = new World();
		await use(world);
		await world.dispose();
	}
});

export { expect };

export async function signIn(page: Page, person: { email: string; password: string }, path = '/signin') {
	await page.goto(path);
	await page.getByLabel('Email').fill(person.email);
	await page.getByLabel('Password').fill(person.password);
	await page.getByRole('button', { name: 'Sign in' }).click();
	await expect(page.getByTestId('signed-in-as')).toBeVisible();
}

/** Signs out as a person would: the account menu in the app bar, then "Sign out". */
export async function signOut(page: Page) {
	await page.getByRole('button', { name: /^Account menu/ }).click();
	await page.getByRole('menuitem', { name: 'Sign out' }).click();
}
