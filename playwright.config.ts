import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

// e2e/global-setup.ts starts the built app with its own database and Liveblocks dev server on
// this port; workers inherit the variable, so they agree with the main process.
process.env.GATEHOUSE_E2E_PORT ??= String(41000 + Math.floor(Math.random() * 2000));
const baseURL = `http://127.0.0.1:${process.env.GATEHOUSE_E2E_PORT}`;

export default defineConfig({
	testDir: 'e2e',
	globalSetup: './e2e/global-setup.ts',
	fullyParallel: true,
	workers: 2,
	timeout: 30_000,
	expect: { timeout: 10_000 },
	forbidOnly: !!process.env.CI,
	reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
	use: {
		baseURL,
		trace: 'retain-on-failure',
		launchOptions: {
			// Debian's Chromium where there is one (Playwright cannot download browsers offline); else
			// the browser `npx playwright install` fetched (scripts/ensure-chromium.sh).
			executablePath:
				process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined),
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--no-first-run'
			]
		}
	}
});
