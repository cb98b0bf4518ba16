/** Stands in for this site while a target is resolved: only what stays on it is accepted. */
const here = 'http://gatehouse.invalid';

/** Longer targets are not links anyone follows; they would only bloat the Location header. */
const maxLength = 2048;

/**
 * Browsers remove tabs and newlines anywhere in a URL (`/\t/evil.example` becomes
 * `//evil.example`) and ignore other control characters at its ends, so a target holding any of
 * them is refused rather than guessed at.
 */
function hasControlCharacter(text: string): boolean {
	for (let index = 0; index < text.length; index++) {
		const code = text.charCodeAt(index);
		if (code < 0x20 || code === 0x7f) return true;
	}
	return false;
}

/**
 * A path on this site to go to after sign-in, sign-out or a password change; anything else
 * becomes `/`. The target is resolved the way a browser resolves a Location header (backslashes
 * as slashes, dot segments, encoded dots), and only a result on this site is kept, as its
 * normalised path, query and fragment: so `//evil.example`, `/\evil.example`, `/%09/...` after
 * decoding, `/.//evil.example` and `https://evil.example` all become `/`. Never throws.
 */
export function safeRedirectPath(target: string | null | undefined): string {
	if (typeof target !== 'string' || !target.startsWith('/') || target.length > maxLength) return '/';
	if (hasControlCharacter(target)) return '/';
	let resolved: URL;
	try {
		resolved = new URL(target, here);
	} catch {
		return '/';
	}
	if (resolved.origin !== here) return '/';
	const path = resolved.pathname + resolved.search + resolved.hash;
	// `/.//evil.example` resolves to the path `//evil.example`, which a browser reads as a host.
	return path.startsWith('//') ? '/' : path;
}
