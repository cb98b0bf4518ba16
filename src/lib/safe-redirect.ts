/** A same-site path to go to after sign-in; anything else (other hosts, `//evil`) becomes `/`. */
export function safeRedirectPath(target: string | null | undefined): string {
	if (!target || !target.startsWith('/') || target.startsWith('//') || target.startsWith('/\\')) {
		return '/';
	}
	return target;
}
