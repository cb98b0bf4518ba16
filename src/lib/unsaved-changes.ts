// What to do when someone leaves a page with unsaved changes. Pure, so the rule is tested without a
// browser; src/lib/components/UnsavedChanges.svelte applies it to SvelteKit's beforeNavigate.

/** The parts of SvelteKit's BeforeNavigate the rule looks at. */
export type Leaving = { type: string; willUnload: boolean; to: { url: URL } | null };

/**
 * - `stay-quiet`: nothing to lose (or a save is on its way): let the navigation happen.
 * - `browser`: the tab closes or reloads: only the browser's own prompt can ask (beforeunload).
 * - `ask`: an in-app navigation: cancel it and ask in the page's dialog, then go on or not.
 */
export type LeaveChoice = 'stay-quiet' | 'browser' | 'ask';

export function leaveChoice(leaving: Leaving, dirty: boolean): LeaveChoice {
	if (!dirty) return 'stay-quiet';
	// 'leave' has no destination: closing or reloading the tab, or typing another address.
	if (leaving.type === 'leave' || !leaving.to) return 'browser';
	return 'ask';
}
