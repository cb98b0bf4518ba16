import { CredentialsSignin } from '@auth/sveltekit';
import { error, fail, isRedirect, redirect, type RequestEvent } from '@sveltejs/kit';
import { superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { inviteAcceptSchema } from '$lib/schemas/invite';
import { externalProviders, signIn } from '$lib/server/auth/authjs';
import { sessionPerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { acceptInvite, InviteUnusable, readInvite } from '$lib/server/invites/accept';
import { isWellFormedInviteToken } from '$lib/server/invites/token';
import { withSafeRedirectTo } from '$lib/server/safe-redirect-form';
import type { Actions, PageServerLoad } from './$types';

// Public by design: whoever holds the link is the invitee (the token is the secret).
export const load: PageServerLoad = async (event) => {
	// Nothing we made looks like this (a truncated copy, a guess): no need to ask the database.
	if (!isWellFormedInviteToken(event.params.token))
		error(
			404,
			'This invite link is not valid: check that you copied all of it, or ask an admin for a new link.'
		);
	const invite = await readInvite(db, event.params.token);
	const viewer = await sessionPerson(event);
	const signedInAs = viewer?.status === 'active' ? { email: viewer.email } : null;
	if (invite.state !== 'open') return { invite: { state: invite.state }, signedInAs, providers: [] };
	const { email, name, expiresAt } = invite;
	return {
		invite: { state: invite.state, email, expiresAt: expiresAt.toISOString() },
		form: await superValidate({ name }, zod4(inviteAcceptSchema), { errors: false }),
		signedInAs,
		providers: externalProviders()
	};
};

/** The invitee's first sign-in, through Auth.js as the sign-in page's, landing on their home. */
function signInWithPassword(event: RequestEvent, email: string, password: string) {
	const body = new URLSearchParams({ providerId: 'credentials', email, password, redirectTo: '/me' });
	const headers = new Headers(event.request.headers);
	headers.delete('content-length');
	headers.set('content-type', 'application/x-www-form-urlencoded');
	const request = new Request(event.request.url, { method: 'POST', headers, body });
	return signIn({ ...event, request });
}

export const actions: Actions = {
	accept: async (event) => {
		const form = await superValidate(event.request, zod4(inviteAcceptSchema));
		const { name, password } = form.data;
		// Passwords never travel back in a response.
		form.data = { ...form.data, password: '', confirm: '' };
		if (!form.valid) return fail(400, { form });
		let email: string;
		try {
			({ email } = await acceptInvite(db, event.params.token, { name, password }));
		} catch (error) {
			if (!(error instanceof InviteUnusable)) throw error;
			// Used or expired meanwhile (another tab): the page reloads into the message that says so.
			redirect(303, event.url.pathname);
		}
		try {
			await signInWithPassword(event, email, password);
		} catch (error) {
			if (isRedirect(error)) throw error;
			// The password is set; only this sign-in failed (rate limited, say): sign in by hand.
			if (!(error instanceof CredentialsSignin)) throw error;
		}
		redirect(303, '/signin?redirectTo=%2Fme');
	},
	/** An identity provider finds the person by their verified email (external-accounts.ts). */
	provider: async (event) => {
		const chosen = (await event.request.clone().formData()).get('providerId');
		if (!externalProviders().some((provider) => provider.id === chosen))
			return fail(400, { problem: 'Choose one of the sign-in providers this page offers.' });
		return signIn(await withSafeRedirectTo(event));
	}
};
