import adapter from '@sveltejs/adapter-node';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/**
 * The Content-Security-Policy of every page. SvelteKit adds a nonce (SSR pages) or hashes
 * (prerendered ones) for its own inline scripts. Liveblocks' origins (connect-src) and the
 * identity providers (form-action) are configured at run time, so security-headers.ts adds them
 * to this header per response. Style attributes are allowed ('unsafe-inline' for
 * style-src-attr only): the live room's cursors, avatars and progress bars are positioned and
 * coloured per person with `style=`; style elements and stylesheets stay limited to our own files.
 *
 * @type {import('@sveltejs/kit').KitConfig['csp']}
 */
const contentSecurityPolicy = {
	mode: 'auto',
	directives: {
		'default-src': ['self'],
		'script-src': ['self'],
		'style-src': ['self'],
		'style-src-attr': ['unsafe-inline'],
		// Avatars are any http(s) URL a person's profile gives (validated as such).
		'img-src': ['self', 'data:', 'blob:', 'https:', 'http:'],
		'font-src': ['self', 'data:'],
		'connect-src': ['self'],
		'object-src': ['none'],
		'base-uri': ['self'],
		'form-action': ['self'],
		'frame-ancestors': ['none']
	}
};

/** @type {import('@sveltejs/kit').Config} */
export default {
	preprocess: vitePreprocess(),
	compilerOptions: { runes: true },
	kit: { adapter: adapter(), csp: contentSecurityPolicy }
};
