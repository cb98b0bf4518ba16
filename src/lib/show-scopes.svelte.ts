// Whether access is shown as raw Liveblocks scopes instead of words. Off by default and on the
// server; once support turns it on, it stays on while they move between pages of this tab.
export const scopesView = $state({ shown: false });
