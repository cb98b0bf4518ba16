// Whom a "Why?" explains, and what Liveblocks gives them. A group or the default row is explained
// through someone it covers: a member of only that group (or of no group) with no entry of their own,
// so the answer is exactly what that row, and the rules before it, decide.
import { resolveEffectiveAccess, type EffectiveAccess, type RoomAccesses } from '$lib/access';
import type { PersonChoice } from '$lib/rooms/principals';

export type WhySubject =
	| { kind: 'default' }
	| { kind: 'group'; id: string; name?: string }
	/** A person, with the groups they are in (none yet for someone invited), and who they are if known. */
	| { kind: 'user'; id: string; groupIds: readonly string[]; person?: PersonChoice };

export const personSubject = (person: PersonChoice): WhySubject => ({
	kind: 'user',
	id: person.id,
	groupIds: person.groupIds,
	person
});

export function effectiveAccessOf(room: RoomAccesses, subject: WhySubject): EffectiveAccess {
	if (subject.kind === 'user')
		return resolveEffectiveAccess(room, { userId: subject.id, groupIds: subject.groupIds });
	// Nobody's own entry applies to the someone a group or the default row is explained through.
	const withoutOwnEntries = { ...room, usersAccesses: {} };
	const groupIds = subject.kind === 'group' ? [subject.id] : [];
	return resolveEffectiveAccess(withoutOwnEntries, { userId: '', groupIds });
}
