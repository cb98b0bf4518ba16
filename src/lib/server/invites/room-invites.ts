// The invites an access editor save carries: checked before anything is written, people created
// before the room is sent to Liveblocks, removed again if it is not saved, links made once it is
// (docs/decisions/027-invites.md).
import type { RoomAccesses } from '$lib/access';
import { normaliseEmail } from '$lib/email';
import { defaultInviteName, inviteKeyPrefix, type InviteProblem } from '$lib/rooms/invites';
import type { z } from 'zod';
import type { inviteDraftSchema } from '$lib/schemas/invite';
import { recordAudit } from '../audit';
import type { Database } from '../prisma-client';
import { findPeopleByEmail } from '../people/find';
import { insertPerson, personSnapshot } from '../people/write';
import { withTransaction, type Tx } from '../transaction';
import { newInviteToken } from './token';

export type InviteDraft = z.output<typeof inviteDraftSchema>;

/** A draft as the directory compares it (one address is one account), its name without spaces around. */
export function tidyDraft({ key, email, name }: InviteDraft): InviteDraft {
	return { key, email: normaliseEmail(email), name: name.trim() };
}
export type InvitedPerson = { key: string; id: string; email: string; name: string };
export type NewInvite = { personId: string; email: string; name: string; token: string; expiresAt: Date };

/**
 * What keeps these invites from being saved with this edit, one problem per row: an email given
 * twice or already in the directory (someone may have taken it since the editor offered it), or a
 * draft without its row. A placeholder row without its draft would reach Liveblocks as a user id,
 * so it is refused too.
 */
export async function checkInvites(
	db: Database,
	drafts: InviteDraft[],
	{ loaded, edited }: { loaded: RoomAccesses; edited: RoomAccesses }
): Promise<InviteProblem[]> {
	const problems: InviteProblem[] = [];
	const keys = new Set(drafts.map((draft) => draft.key));
	for (const key of Object.keys(edited.usersAccesses)) {
		if (key.startsWith(inviteKeyPrefix) && !keys.has(key))
			problems.push({ key, email: '', message: 'This row invites nobody. Remove it and invite again.' });
	}
	if (drafts.length === 0) return problems;
	const { unknown } = await findPeopleByEmail(
		db,
		drafts.map((draft) => draft.email)
	);
	const free = new Set(unknown);
	const seen = new Set<string>();
	for (const { key, email } of drafts) {
		const problem = (message: string) => problems.push({ key, email, message });
		if (!Object.hasOwn(edited.usersAccesses, key) || Object.hasOwn(loaded.usersAccesses, key))
			problem('This invite has no row of its own in the matrix. Remove it and invite again.');
		else if (seen.has(email)) problem(`${email} is invited twice. Remove one of the rows.`);
		else if (!free.has(email))
			problem(
				`${email} is taken: someone in the directory has it now. Remove this row and add them instead.`
			);
		seen.add(email);
	}
	return problems;
}

/** Creates the invited people (members, active, no password) with their audit events, together. */
export async function createInvitedPeople(
	db: Database,
	actorId: string,
	drafts: InviteDraft[]
): Promise<InvitedPerson[]> {
	// Most saves invite nobody: they open no transaction for it.
	if (drafts.length === 0) return [];
	return withTransaction(db, async (tx) => {
		const people: InvitedPerson[] = [];
		for (const { key, email, name } of drafts) {
			const person = await insertPerson(tx, actorId, {
				email,
				name: name || defaultInviteName(email),
				role: 'member',
				status: 'active',
				avatarUrl: null,
				color: null
			});
			people.push({ key, id: person.id, email, name: person.name });
		}
		return people;
	});
}

/** The edit with each invite's placeholder id replaced by the id of the person made for it. */
export function withInvitedIds(accesses: RoomAccesses, people: InvitedPerson[]): RoomAccesses {
	const ids = new Map(people.map((person) => [person.key, person.id]));
	const usersAccesses = Object.fromEntries(
		Object.entries(accesses.usersAccesses).map(([id, scopes]) => [ids.get(id) ?? id, scopes])
	);
	return { ...accesses, usersAccesses };
}

/**
 * Takes back the people a save created when the room could not be saved: they have nothing else
 * (no password, no group, no sign-in yet), so the directory is as it was. Their creation stays in
 * the audit log, followed by their deletion.
 */
export async function removeInvitedPeople(db: Database, actorId: string, people: InvitedPerson[]) {
	await withTransaction(db, async (tx) => {
		for (const { id } of people) {
			// Only while still untouched: never someone who has signed in meanwhile.
			const person = await tx.person.findFirst({ where: { id, passwordHash: null, accounts: { none: {} } } });
			if (!person) continue;
			await tx.person.delete({ where: { id } });
			await recordAudit(tx, {
				actorId,
				action: 'person.deleted',
				target: { type: 'person', id },
				before: { ...personSnapshot(person), reason: 'Invited in a room access save that failed' }
			});
		}
	});
}

/**
 * One link per invited person, in the caller's transaction (the one recording the room's save):
 * only the token's hash is stored, the tokens are returned to be shown once. `roomId` is the room
 * that invited them, if any.
 */
export async function recordInvites(
	tx: Tx,
	actorId: string,
	roomId: string | null,
	people: Omit<InvitedPerson, 'key'>[],
	lifetimeMs: number
): Promise<NewInvite[]> {
	const invites: NewInvite[] = [];
	for (const person of people) {
		const { token, tokenHash } = newInviteToken();
		const expiresAt = new Date(Date.now() + lifetimeMs);
		const invite = await tx.invite.create({
			data: { personId: person.id, tokenHash, roomId, createdById: actorId, expiresAt }
		});
		await recordAudit(tx, {
			actorId,
			action: 'invite.created',
			target: { type: 'person', id: person.id },
			related: roomId ? { type: 'room', id: roomId } : undefined,
			after: { inviteId: invite.id, expiresAt: expiresAt.toISOString() }
		});
		invites.push({ personId: person.id, email: person.email, name: person.name, token, expiresAt });
	}
	return invites;
}
