import adapter from '@sveltejs/adapter-node';

/** The same adapter as Gatehouse, with its defaults: output in build/. */
/** @type {import('@sveltejs/kit').Config} */
export default {
	kit: { adapter: adapter() }
};
