import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

export default defineConfig({
	plugins: [sveltekit()],
	test: {
		// @liveblocks/client reports every refused join; the fidelity check refuses on purpose.
		onConsoleLog: (log) => (log.includes('You have no access to this room') ? false : undefined),
		projects: [
			{
				extends: true,
				test: {
					name: 'unit',
					include: ['src/**/*.test.ts', 'scripts/**/*.test.ts'],
					exclude: ['**/*.integration.test.ts']
				}
			},
			{
				extends: true,
				test: {
					name: 'integration',
					globalSetup: ['scripts/testing/global-setup.ts'],
					include: [
						'src/**/*.integration.test.ts',
						'scripts/**/*.integration.test.ts',
						'prisma/**/*.integration.test.ts'
					],
					testTimeout: 60_000,
					hookTimeout: 120_000
				}
			}
		]
	}
});
