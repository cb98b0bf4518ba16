/**
 * GitHub's profile email is whatever the user made public and may be unverified; the API lists
 * which of their emails GitHub has verified (the provider's default scope includes user:email).
 */
export async function githubVerifiedEmails(accessToken: string): Promise<string[]> {
	const response = await fetch('https://api.github.com/user/emails', {
		headers: { Authorization: `Bearer ${accessToken}`, 'User-Agent': 'Gatehouse' }
	});
	if (!response.ok) return [];
	const emails = (await response.json()) as { email: string; verified: boolean }[];
	return emails.filter((entry) => entry.verified).map((entry) => entry.email);
}
