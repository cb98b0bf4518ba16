import { redirect } from '@sveltejs/kit';
import { signOut } from '$lib/server/auth/authjs';
import { withSafeRedirectTo } from '$lib/server/safe-redirect-form';
import type { Actions, PageServerLoad } from './$types';

// Signing out needs no role: anyone may end their own session. GET only shows the way back.
export const load: PageServerLoad = () => redirect(303, '/');

// The form's redirectTo goes to Auth.js only once it is a safe path on this site.
export const actions: Actions = { default: async (event) => signOut(await withSafeRedirectTo(event)) };
