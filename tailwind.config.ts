// Loaded by Tailwind 4 through `@config` in src/app.css.
export default {
	theme: {
		extend: {
			fontFamily: {
				mono: ['"Liberation Mono"', 'ui-monospace', 'monospace']
			}
		}
	}
};
