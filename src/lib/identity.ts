/**
 * What the ID-token endpoint tells Liveblocks about a person: pure, so the inspector and the
 * person page can show exactly what the endpoint would send.
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

export function liveblocksIdentity(person: IdentitySource): LiveblocksIdentity {
	const userInfo: LiveblocksUserInfo = { name: person.name };
	if (person.avatarUrl) userInfo.avatar = person.avatarUrl;
	if (person.color) userInfo.color = person.color;
	return { userId: person.id, groupIds: [...person.groupIds].sort(), userInfo };
}
