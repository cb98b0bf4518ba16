/**
 * What the ID-token endpoint tells Liveblocks about a person, and whether it would issue a token at
 * all: pure, so the endpoint, the inspector, the person page and the members' home agree exactly.
 */
export type LiveblocksUserInfo = { name: string; avatar?: string; color?: string };

export type LiveblocksIdentity = { userId: string; groupIds: string[]; userInfo: LiveblocksUserInfo };

export type IdentitySource = {
	id: string;
	name: string;
	avatarUrl: string | null;
	color: string | null;
	groupIds: readonly string[];
};

/** Liveblocks refuses an ID token whose serialized userInfo is longer than this. */
export const userInfoLimit = 1024;

/**
 * Ids in UTF-16 code-unit order, the same on every machine. Never the database's ORDER BY, whose
 * collation differs between servers: among groups of equal level the first in the token decides.
 */
export function sortIds(ids: Iterable<string>): string[] {
	return [...ids].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

export function liveblocksIdentity(person: IdentitySource): LiveblocksIdentity {
	const userInfo: LiveblocksUserInfo = { name: person.name };
	if (person.avatarUrl) userInfo.avatar = person.avatarUrl;
	if (person.color) userInfo.color = person.color;
	return { userId: person.id, groupIds: sortIds(person.groupIds), userInfo };
}

export type TokenRefusal = {
	reason: 'deactivated' | 'temporary-password' | 'user-info-too-long';
	/** Said to the person themselves by the endpoint; staff pages say it about them. */
	message: string;
};

export type TokenSubject = IdentitySource & {
	status: 'active' | 'deactivated';
	mustChangePassword: boolean;
};

/** Why the ID-token endpoint would issue no token for this person, or null when it would. */
export function tokenRefusal(person: TokenSubject): TokenRefusal | null {
	if (person.status !== 'active')
		return { reason: 'deactivated', message: 'This account is deactivated: it cannot join rooms.' };
	if (person.mustChangePassword)
		return {
			reason: 'temporary-password',
			message: 'A temporary password must be changed before joining rooms.'
		};
	const length = JSON.stringify(liveblocksIdentity(person).userInfo).length;
	if (length > userInfoLimit)
		return {
			reason: 'user-info-too-long',
			message: `The profile makes a Liveblocks userInfo of ${length} characters; the limit is ${userInfoLimit}.`
		};
	return null;
}
