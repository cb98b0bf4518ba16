/** GETs JSON from the app; a failure throws an Error with the server's message, fit to show. */
export async function getJson<T>(url: string, signal?: AbortSignal): Promise<T> {
	const response = await fetch(url, { signal });
	if (!response.ok) {
		const body = await response.json().catch(() => null);
		throw new Error(body?.message ?? `The request failed (${response.status}).`);
	}
	return response.json();
}
