import { redirect } from '@sveltejs/kit';
import { signOut } from '$lib/server/auth/authjs';
import type { Actions, PageServerLoad } from './$types';

// Signing out needs no role: anyone may end their own session. GET only shows the way back.
export const load: PageServerLoad = () => redirect(303, '/');

export const actions: Actions = { default: signOut };
