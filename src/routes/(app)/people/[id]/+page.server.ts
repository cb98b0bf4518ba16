import { error, fail } from '@sveltejs/kit';
import { message, setError, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { staffRoles } from '$lib/roles';
import { temporaryPasswordSchema } from '$lib/schemas/password';
import { personSchema } from '$lib/schemas/person';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { env } from '$lib/server/env';
import { inviteLinks } from '$lib/server/invites/links';
import { issueInvite, NoInviteNeeded } from '$lib/server/invites/reissue';
import { saveProfile, setPersonStatus } from '$lib/server/people/edit';
import { SelfLockout } from '$lib/server/people/lockout';
import { generateTemporaryPassword } from '$lib/server/people/password';
import { loadIdentity } from '$lib/server/identity';
import { loadPersonProfile } from '$lib/server/people/profile';
import { countRoomsPersonCanEnter, listRoomsPersonCanEnter } from '$lib/server/rooms/enterable';
import { EmailTaken, PersonNotFound } from '$lib/server/domain-errors';
import { setTemporaryPassword } from '$lib/server/people/write';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	const [profile, verdict] = await Promise.all([
		loadPersonProfile(db, event.params.id),
		loadIdentity(db, event.params.id)
	]);
	if (!profile || !verdict) error(404, 'There is no such person. They may have been deleted.');
	const { name, email, role, status, avatarUrl, color } = profile;
	const params = event.url.searchParams;
	const [rooms, roomCount] = await Promise.all([
		listRoomsPersonCanEnter(db, verdict.identity, {
			after: params.get('roomsAfter'),
			before: params.get('roomsBefore'),
			limit: 10
		}),
		countRoomsPersonCanEnter(db, verdict.identity)
	]);
	return {
		profile,
		identity: verdict.identity,
		refusal: verdict.refusal,
		rooms,
		roomCount,
		canEdit: viewer.role === 'admin',
		inviteExpired: profile.inviteExpiresAt !== null && profile.inviteExpiresAt <= new Date(),
		isSelf: viewer.id === profile.id,
		created: event.url.searchParams.has('created'),
		profileForm: await superValidate({ name, email, role, status, avatarUrl, color }, zod4(personSchema), {
			id: 'profile'
		}),
		passwordForm: await superValidate(zod4(temporaryPasswordSchema), { id: 'password', errors: false })
	};
};

/** A person deleted since the page was loaded is a clear 404, not a crash. */
async function orNotFound<T>(write: Promise<T>): Promise<T> {
	try {
		return await write;
	} catch (problem) {
		if (problem instanceof PersonNotFound) error(404, 'This person was deleted meanwhile.');
		throw problem;
	}
}

async function setStatus(event: RequestEvent, status: 'active' | 'deactivated') {
	const admin = await requirePerson(event, ['admin']);
	try {
		await orNotFound(setPersonStatus(db, admin.id, event.params.id, status));
	} catch (problem) {
		if (problem instanceof SelfLockout) return fail(400, { statusProblem: problem.message });
		throw problem;
	}
}

export const actions: Actions = {
	profile: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		const form = await superValidate(event.request, zod4(personSchema), { id: 'profile' });
		if (!form.valid) return fail(400, { form });
		try {
			await orNotFound(saveProfile(db, admin.id, event.params.id, form.data));
		} catch (problem) {
			if (problem instanceof EmailTaken) return setError(form, 'email', problem.message, { status: 409 });
			if (problem instanceof SelfLockout && problem.field === 'role') {
				return setError(form, 'role', problem.message);
			}
			throw problem;
		}
		return message(form, 'Saved.');
	},

	deactivate: (event) => setStatus(event, 'deactivated'),
	reactivate: (event) => setStatus(event, 'active'),

	setPassword: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		const form = await superValidate(event.request, zod4(temporaryPasswordSchema), { id: 'password' });
		const { password } = form.data;
		form.data.password = ''; // the field empties; the password comes back once, below
		if (!form.valid) return fail(400, { form });
		await orNotFound(setTemporaryPassword(db, admin.id, event.params.id, password));
		// Back to the admin who typed or generated it, to hand over: Gatehouse keeps just its hash.
		return { form, temporaryPassword: password };
	},

	/** A password to fill in: nothing is set until the admin sends it with "Set this password". */
	generatePassword: async (event) => {
		await requirePerson(event, ['admin']);
		const form = await superValidate(
			{ password: generateTemporaryPassword() },
			zod4(temporaryPasswordSchema),
			{
				id: 'password',
				errors: false
			}
		);
		return { form, generated: true };
	},

	/** A new one-time link for someone who has not set a password yet; shown once, in this response. */
	newInvite: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		const lifetimeMs = env.INVITE_LIFETIME_HOURS * 60 * 60_000;
		try {
			const invite = await orNotFound(issueInvite(db, admin.id, event.params.id, lifetimeMs));
			return { invites: inviteLinks([invite], event.url.origin) };
		} catch (problem) {
			if (problem instanceof NoInviteNeeded) return fail(400, { inviteProblem: problem.message });
			throw problem;
		}
	}
};
