/** Emails are stored and compared trimmed and lower-cased, so one address is one account. */
export function normaliseEmail(email: string): string {
	return email.trim().toLowerCase();
}
