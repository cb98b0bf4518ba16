import { error, fail, redirect } from '@sveltejs/kit';
import { message, superValidate } from 'sveltekit-superforms';
import { zod4 } from 'sveltekit-superforms/adapters';
import { staffRoles } from '$lib/roles';
import { approvalLevelSchema, approvalSchema, declineSchema } from '$lib/schemas/access-request';
import { approveRequest, previewApproval, type ApprovalPreview } from '$lib/server/access-requests/approve';
import { declineRequest } from '$lib/server/access-requests/decline';
import { AccessRequestDecided, AccessRequestNotFound } from '$lib/server/access-requests/errors';
import { findRequest } from '$lib/server/access-requests/list';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { SaveNotRecorded } from '$lib/server/rooms/access';
import { liveblocks } from '$lib/server/liveblocks/client';
import { LiveblocksUnavailable, RoomNotFound, WriteUnconfirmed } from '$lib/server/liveblocks';
import { RoomWriteBusy } from '$lib/server/rooms/write-claim';
import type { Actions, PageServerLoad } from './$types';

const notFound = 'There is no such access request: it may have been withdrawn with its person.';
const roomGone = (roomId: string) =>
	`Liveblocks has no room ${roomId} any more, so there is nothing to approve. Decline the request instead.`;

/** Why an approval cannot go ahead, in words for the admin; other failures are rethrown. */
function approvalProblem(problem: unknown, roomId: string): { status: number; text: string } {
	if (problem instanceof AccessRequestDecided)
		return { status: 409, text: `Someone already ${problem.status} this request meanwhile.` };
	if (problem instanceof RoomNotFound) return { status: 404, text: roomGone(roomId) };
	if (problem instanceof LiveblocksUnavailable)
		return { status: 503, text: `Nothing was saved: ${problem.message}. Try again in a moment.` };
	if (
		problem instanceof SaveNotRecorded ||
		problem instanceof WriteUnconfirmed ||
		problem instanceof RoomWriteBusy
	)
		return { status: 503, text: problem.message };
	throw problem;
}

export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	const request = await findRequest(db, event.params.id);
	if (!request) error(404, notFound);
	const canEdit = viewer.role === 'admin';
	// Choosing a level (a GET form, so it works without JavaScript) previews the change from the
	// room as Liveblocks has it now.
	const level = approvalLevelSchema.safeParse(event.url.searchParams.get('level'));
	let preview: ApprovalPreview | null = null;
	let previewProblem: string | null = null;
	if (canEdit && request.status === 'pending' && level.success) {
		try {
			preview = await previewApproval(db, liveblocks(), request.id, level.data);
		} catch (problem) {
			previewProblem = approvalProblem(problem, request.room.id).text;
		}
	}
	return {
		request,
		canEdit,
		preview,
		previewProblem,
		declineForm: await superValidate(zod4(declineSchema))
	};
};

export const actions: Actions = {
	approve: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		const parsed = approvalSchema.safeParse(Object.fromEntries(await event.request.formData()));
		if (!parsed.success)
			return fail(400, { problem: parsed.error.issues.map((issue) => issue.message).join(' ') });
		let result;
		try {
			result = await approveRequest(db, liveblocks(), admin.id, event.params.id, parsed.data);
		} catch (problem) {
			if (problem instanceof AccessRequestNotFound) error(404, notFound);
			const request = await findRequest(db, event.params.id);
			const { status, text } = approvalProblem(problem, request?.room.id ?? '');
			return fail(status, { problem: text });
		}
		if (result.outcome === 'conflict') return fail(409, { conflict: true, preview: result.preview });
		if (result.outcome === 'invalid')
			return fail(400, {
				problem: `Liveblocks would refuse the room's access with this entry: ${result.problems
					.map((problem) => problem.message)
					.join(' ')}`
			});
		redirect(303, `/requests?decided=${encodeURIComponent(result.request.id)}`);
	},

	decline: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		const form = await superValidate(event.request, zod4(declineSchema));
		if (!form.valid) return fail(400, { declineForm: form });
		try {
			await declineRequest(db, admin.id, event.params.id, form.data.reason);
		} catch (problem) {
			if (problem instanceof AccessRequestNotFound) error(404, notFound);
			if (problem instanceof AccessRequestDecided)
				return message(form, `Someone already ${problem.status} this request meanwhile.`, { status: 409 });
			throw problem;
		}
		redirect(303, `/requests?decided=${encodeURIComponent(event.params.id)}`);
	}
};
