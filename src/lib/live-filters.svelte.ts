// A list's filters as a GET form whose URL follows the fields: without JavaScript, Apply loads the
// filtered URL; with it, the search applies as the person types (debounced, focus kept, one history
// entry per search rather than per keystroke) and each choice at once. Create it in a component.
import { untrack } from 'svelte';
import { goto } from '$app/navigation';

const typingDelayMs = 300;

export class LiveFilters {
	form: HTMLFormElement | undefined = $state();
	searchInput: HTMLInputElement | undefined = $state();
	/** The search field's text, as typed. */
	search = $state('');
	#typing: ReturnType<typeof setTimeout> | undefined;

	/**
	 * @param hrefFor the list's first page for the form's fields
	 * @param searchInUrl the search the current URL holds
	 */
	constructor(
		private readonly hrefFor: (fields: URLSearchParams) => string,
		private readonly searchInUrl: () => string
	) {
		this.search = untrack(searchInUrl);
		// A new URL (Back, "Clear filters") shows its search, unless the person is typing a newer one.
		$effect(() => {
			const fromUrl = searchInUrl();
			if (untrack(() => document.activeElement !== this.searchInput)) this.search = fromUrl;
		});
	}

	apply(replaceState: boolean) {
		clearTimeout(this.#typing);
		if (!this.form) return;
		const fields = [...new FormData(this.form)].flatMap(([key, value]) =>
			typeof value === 'string' ? [[key, value] as [string, string]] : []
		);
		// eslint-disable-next-line svelte/prefer-svelte-reactivity -- read once, never watched
		const href = this.hrefFor(new URLSearchParams(fields));
		// eslint-disable-next-line svelte/no-navigation-without-resolve -- the lists give resolved hrefs
		void goto(href, { keepFocus: true, noScroll: true, replaceState });
	}

	typed() {
		clearTimeout(this.#typing);
		// Replace while typing, so Back leaves the search instead of undoing one letter.
		this.#typing = setTimeout(() => this.apply(this.searchInUrl() !== ''), typingDelayMs);
	}
}

/** A list's address for a plain filter form: its fields, empty ones left out. */
export function filteredHref(list: string, fields: URLSearchParams): string {
	const kept = [...fields].filter(([, value]) => value.trim() !== '');
	// eslint-disable-next-line svelte/prefer-svelte-reactivity -- read once, never watched
	return kept.length > 0 ? `${list}?${new URLSearchParams(kept)}` : list;
}
