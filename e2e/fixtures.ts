import { randomUUID } from 'node:crypto';
import {
	test as base,
	expect,
	type Browser,
	type BrowserContext,
	type ConsoleMessage,
	type Page
} from '@playwright/test';
import { Liveblocks, type CreateRoomOptions } from '@liveblocks/node';
import { newInviteToken } from '../src/lib/server/invites/token';
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

	/** A room with a unique id starting with `prefix` (lists of rooms are in id order). */
	async room(options: CreateRoomOptions, prefix = 'room'): Promise<string> {
		const id = this.unique(prefix);
		await this.liveblocks.createRoom(id, options);
		return id;
	}

	/** A room in Liveblocks and in the app's room index, as a sync would leave it. */
	async indexedRoom(options: CreateRoomOptions, prefix?: string): Promise<string> {
		const id = await this.room(options, prefix);
		await mirrorRoom(this.db, await this.liveblocks.getRoom(id));
		return id;
	}

	/**
	 * An invite link for a new person without a password, as an admin's save leaves it; `expired`
	 * moves its end into the past. Returns the link's token.
	 */
	async invite({ expired = false } = {}): Promise<string> {
		const { token, tokenHash } = newInviteToken();
		const person = await this.db.person.create({
			data: { email: `${this.unique('invited')}@example.com`, name: this.unique('Invited') }
		});
		const hour = 3_600_000;
		await this.db.invite.create({
			data: { personId: person.id, tokenHash, createdById: person.id, expiresAt: new Date(Date.now() + hour) }
		});
		if (expired) {
			await this.db.invite.update({
				where: { tokenHash },
				data: { expiresAt: new Date(Date.now() - 60_000) }
			});
		}
		return token;
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

/**
 * The console errors a working app still causes, each narrowly:
 * - Chromium logs every 4xx answer to a page's own address as "Failed to load resource", and tests
 *   open forbidden and missing pages, or post refused form actions, on purpose (the status and
 *   what the page then shows are what they check). Any other 4xx is a bug, but for the token
 *   endpoint below.
 * - Liveblocks' client logs why it could not connect, always (its socket's `log(ERROR, reason)`):
 *   Liveblocks refused the room, or the app's token endpoint refused or rate-limited the person.
 *   The live room shows that reason itself, and tests refuse on purpose; Chromium logs the token
 *   endpoint's 403 or 429 answer as "Failed to load resource" too.
 */
const pathOf = (url: string) => new URL(url).pathname;

function isExpectedError(message: ConsoleMessage, page: Page): boolean {
	const text = message.text();
	const failed4xx = /^Failed to load resource: the server responded with a status of 4\d\d\b/.test(text);
	// The page's own address, or one of its form actions (`?/save`), whose refusal the page shows.
	const refusedNavigation = failed4xx && pathOf(message.location().url) === pathOf(page.url());
	const refusedToken = failed4xx && pathOf(message.location().url) === '/api/liveblocks-auth';
	const refusedLiveRoom =
		/^%cLiveblocks\b.* (You have no access to this room|Authentication failed: .+)$/.test(text);
	return refusedNavigation || refusedToken || refusedLiveRoom;
}

/**
 * Collects console errors and uncaught exceptions of every page showing the app, in the test's own
 * browser context and in any context the test opens with `browser.newContext()` or `newPage()`.
 * Pages on another origin (a test's hostile framing page made with setContent) are not the app's.
 */
class ConsoleErrors {
	readonly found: string[] = [];
	private readonly watched = new WeakSet<Page>();

	constructor(private readonly origin: string) {}

	watchContext(context: BrowserContext) {
		for (const page of context.pages()) this.watch(page);
		context.on('page', (page) => this.watch(page));
	}

	private watch(page: Page) {
		if (this.watched.has(page)) return;
		this.watched.add(page);
		page.on('console', (message) => {
			if (message.type() !== 'error' || !this.showsApp(page) || isExpectedError(message, page)) return;
			this.found.push(`${page.url()}: ${message.text()} (${message.location().url})`);
		});
		page.on('pageerror', (error) => {
			if (this.showsApp(page)) this.found.push(`${page.url()}: uncaught ${error.stack ?? error.message}`);
		});
	}

	private showsApp(page: Page) {
		return page.url().startsWith(this.origin);
	}

	/** Watches every context `browser` opens until the returned function is called. */
	watchBrowser(browser: Browser): () => void {
		const newContext = browser.newContext;
		browser.newContext = async (options) => {
			const context = await newContext.call(browser, options);
			this.watchContext(context);
			return context;
		};
		return () => {
			browser.newContext = newContext;
		};
	}
}

export const test = base.extend<{ world: World; consoleErrors: ConsoleErrors }>({
	// No page may log an error or throw: a console error is a bug a person would meet too.
	consoleErrors: [
		async ({ browser, baseURL }, use) => {
			const errors = new ConsoleErrors(new URL(baseURL!).origin);
			const stopWatching = errors.watchBrowser(browser);
			await use(errors);
			stopWatching();
			expect(errors.found, 'Console errors and uncaught exceptions').toEqual([]);
		},
		{ auto: true }
	],
	// Every page of every test must run under the app's Content-Security-Policy without Chromium
	// refusing anything: a blocked script, style, connection or eval fails the test.
	page: async ({ page, javaScriptEnabled, consoleErrors }, use) => {
		consoleErrors.watchContext(page.context());
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
