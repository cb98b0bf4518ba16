// Liveblocks organizations as an ID token meets them. A room belongs to one organization for good;
// an ID token carries at most one organizationId, and hosted Liveblocks lets the token into that
// organization's rooms only (a token without one: the default organization's). A room's token must
// therefore carry the room's organization, and a client, which keeps one token for every room it
// enters, serves one organization.

/** The organization of every room created without one. */
export const defaultOrganizationId = 'default';

/**
 * The organizationId an ID token for a room of `roomOrganizationId` carries: the room's own, or
 * none for the default organization ('default', or '' in an index row that names none).
 */
export function tokenOrganizationId(roomOrganizationId: string): string | undefined {
	return roomOrganizationId === '' || roomOrganizationId === defaultOrganizationId
		? undefined
		: roomOrganizationId;
}

/** The organization in words: "organization acme", or "the default organization". */
export function organizationName(organizationId: string | undefined): string {
	const id = organizationId === undefined ? undefined : tokenOrganizationId(organizationId);
	return id === undefined ? 'the default organization' : `organization ${id}`;
}
