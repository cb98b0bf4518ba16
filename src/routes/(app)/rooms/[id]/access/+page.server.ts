import { error, fail } from '@sveltejs/kit';
import { z } from 'zod';
import { rowDifferences } from '$lib/access';
import { staffRoles } from '$lib/roles';
import { roomAccessesSchema } from '$lib/schemas/access-request';
import { inviteDraftsSchema } from '$lib/schemas/invite';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { env } from '$lib/server/env';
import { inviteLinks } from '$lib/server/invites/links';
import {
	accessesOf,
	InvitedPeopleLeft,
	openRoom,
	saveRoomAccess,
	SaveNotRecorded
} from '$lib/server/rooms/access';
import { auditPosition, otherChange } from '$lib/server/rooms/other-change';
import { describePrincipals, peopleByIds } from '$lib/server/rooms/principals';
import { liveblocks } from '$lib/server/liveblocks/client';
import { LiveblocksUnavailable, RoomNotFound, WriteUnconfirmed } from '$lib/server/liveblocks';
import { RoomWriteBusy } from '$lib/server/rooms/write-claim';
import type { Actions, PageServerLoad } from './$types';

const notFound = (roomId: string) =>
	`Liveblocks has no room ${roomId}: it may have been deleted. Sync the rooms list to drop it from the index.`;

/** The person the inspector sent us to explain, if the directory has them. */
async function whyFor(personId: string | null) {
	if (!personId) return null;
	const [person] = await peopleByIds(db, [personId.slice(0, 128)]);
	return person ?? null;
}

export const load: PageServerLoad = async (event) => {
	const viewer = await requirePerson(event, staffRoles);
	const roomId = event.params.id;
	try {
		const loadedAuditId = await auditPosition(db, roomId);
		const room = await openRoom(db, liveblocks(), roomId);
		const accesses = accessesOf(room);
		return {
			room: { id: room.id, organizationId: room.organizationId, title: room.metadata.title ?? null },
			accesses,
			/** The room's newest audit event when it was read: a conflict names the saves after it. */
			loadedAuditId: String(loadedAuditId),
			principals: await describePrincipals(db, accesses),
			why: await whyFor(event.url.searchParams.get('why')),
			canEdit: viewer.role === 'admin',
			/** Just made by the new-room form. */
			created: event.url.searchParams.has('created'),
			/** A fresh load (after a save) starts a fresh editor. */
			loadedAt: Date.now()
		};
	} catch (problem) {
		if (problem instanceof RoomNotFound) error(404, notFound(roomId));
		if (problem instanceof LiveblocksUnavailable)
			error(503, `Could not read the room from Liveblocks, so nothing can be edited now. ${problem.message}`);
		throw problem;
	}
};

const saveSchema = z.object({
	loaded: roomAccessesSchema,
	edited: roomAccessesSchema,
	/** People to create and invite, whose rows in `edited` have placeholder ids. */
	invites: inviteDraftsSchema.default([]),
	/** auditPosition when `loaded` was read; without it, any save in the log may explain a conflict. */
	loadedAuditId: z
		.string()
		.regex(/^\d{1,18}$/)
		.transform((id) => BigInt(id))
		.default(0n)
});

function readJson(value: FormDataEntryValue | null): unknown {
	try {
		return JSON.parse(String(value));
	} catch {
		return undefined;
	}
}

export const actions: Actions = {
	/** The editor posts the version it loaded and the edited one, as JSON. */
	save: async (event) => {
		const admin = await requirePerson(event, ['admin']);
		const roomId = event.params.id;
		const form = await event.request.formData();
		const parsed = saveSchema.safeParse({
			loaded: readJson(form.get('loaded')),
			edited: readJson(form.get('edited')),
			invites: form.has('invites') ? readJson(form.get('invites')) : undefined,
			loadedAuditId: form.get('loadedAuditId') ?? undefined
		});
		if (!parsed.success)
			return fail(400, {
				outcome: 'failed' as const,
				problem: 'The editor sent an unreadable matrix. Reload the page.'
			});
		const { loaded, edited, invites, loadedAuditId } = parsed.data;
		const lifetimeMs = env.INVITE_LIFETIME_HOURS * 60 * 60_000;
		try {
			// Read before the save reads the room again, so it becomes the position of what a conflict shows.
			const position = await auditPosition(db, roomId);
			const result = await saveRoomAccess(
				db,
				liveblocks(),
				admin.id,
				roomId,
				{ loaded, edited, invites },
				lifetimeMs
			);
			switch (result.outcome) {
				case 'invalid':
					return fail(400, result);
				case 'conflict':
					return fail(409, {
						...result,
						otherChange: await otherChange(db, roomId, loadedAuditId, result.current, admin.id),
						currentAuditId: String(position)
					});
				case 'invites-refused':
					return fail(409, result);
				case 'unchanged':
					return result;
				case 'saved':
					return {
						outcome: result.outcome,
						changes: rowDifferences(loaded, accessesOf(result.room)),
						invites: inviteLinks(result.invites, event.url.origin)
					};
			}
		} catch (problem) {
			if (problem instanceof RoomNotFound)
				return fail(404, { outcome: 'failed' as const, problem: notFound(roomId) });
			if (problem instanceof LiveblocksUnavailable)
				return fail(503, {
					outcome: 'failed' as const,
					problem: `Nothing was saved: ${problem.message}. Your changes are still here; try again.`
				});
			if (
				problem instanceof SaveNotRecorded ||
				problem instanceof InvitedPeopleLeft ||
				problem instanceof WriteUnconfirmed ||
				problem instanceof RoomWriteBusy
			)
				return fail(503, { outcome: 'failed' as const, problem: problem.message });
			throw problem;
		}
	}
};
