import type { IssuedInvite } from '$lib/rooms/invites';
import type { NewInvite } from './room-invites';

/** The links to show an admin once; `origin` is this site's, as the browser reached it. */
export function inviteLinks(invites: NewInvite[], origin: string): IssuedInvite[] {
	return invites.map(({ personId, email, name, token, expiresAt }) => ({
		personId,
		email,
		name,
		url: new URL(`/invite/${token}`, origin).href,
		expiresAt: expiresAt.toISOString()
	}));
}
