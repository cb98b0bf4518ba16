// People invited from the access editor before they exist: the editor gives each a placeholder
// user id (the key of their row) that the save replaces with the id of the person it creates.

/** Placeholder ids start with this; person ids are cuids, so they never do. */
export const inviteKeyPrefix = 'invite:';

export function newInviteKey(): string {
	return `${inviteKeyPrefix}${crypto.randomUUID()}`;
}

/** The name a new person gets when the admin leaves it blank: the email's local part. */
export function defaultInviteName(email: string): string {
	return email.slice(0, email.lastIndexOf('@')) || email;
}

/** At most this many people per save: an invite is one person, not a bulk import. */
export const maxInvitesPerSave = 20;

/** A refused invite, shown next to its row. */
export type InviteProblem = { key: string; email: string; message: string };

/** A link made by a save, shown to the admin once. */
export type IssuedInvite = { personId: string; email: string; name: string; url: string; expiresAt: string };
