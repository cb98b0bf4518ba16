/**
 * Signs in to a running Gatehouse over HTTP, as a browser's form post would, and returns the
 * session cookie for later requests. Used by integration tests and the benchmark.
 */
export async function signIn(baseUrl: string, email: string, password: string): Promise<string> {
	const response = await fetch(`${baseUrl}/signin?/credentials`, {
		method: 'POST',
		headers: { origin: baseUrl, 'content-type': 'application/x-www-form-urlencoded' },
		body: new URLSearchParams({ providerId: 'credentials', redirectTo: '/', email, password }),
		redirect: 'manual'
	});
	const cookie = sessionCookieOf(response);
	if (!cookie) {
		throw new Error(
			`Sign-in as ${email} failed (${response.status}): ${(await response.text()).slice(0, 300)}`
		);
	}
	return cookie;
}

/** The session cookie (`name=value`) a response sets, if it sets one with a value. */
export function sessionCookieOf(response: Response): string | undefined {
	return response.headers
		.getSetCookie()
		.map((header) => header.split(';')[0]!)
		.find((pair) => pair.startsWith('authjs.session-token=') && pair !== 'authjs.session-token=');
}
