// Access requests in the words members and admins read, and the one change an approval makes to a
// room: pure, shared by the server and the browser.
import { rowToScopes, type RoomAccesses } from '$lib/access';
import type { AccessSummary } from '$lib/labels';
import { accessPresets } from '$lib/rooms/presets';

/** What an admin may grant a person who asked: the user-row presets of the access editor. */
export const requestLevels = ['view', 'comment', 'edit'] as const;
export type RequestLevel = (typeof requestLevels)[number];

/** In the words of $lib/labels' accessSummary, which says what a person gets once approved. */
export const requestLevelLabels: Record<RequestLevel, AccessSummary> = {
	view: 'Can view',
	comment: 'Can comment',
	edit: 'Can edit'
};

/** The longest message a person may send with a request, and the longest decline reason. */
export const requestMessageMaxLength = 500;

/** The scope list an approval writes as the person's own entry. */
export function grantScopes(level: RequestLevel): string[] {
	return rowToScopes(accessPresets[level].row);
}

/**
 * The room's accesses with the person's own entry set to `level` (added, or replacing the one
 * they had); everything else as it was. What an approval saves, and what its preview compares.
 */
export function withPersonEntry(accesses: RoomAccesses, personId: string, level: RequestLevel): RoomAccesses {
	return {
		defaultAccesses: [...accesses.defaultAccesses],
		groupsAccesses: { ...accesses.groupsAccesses },
		usersAccesses: { ...accesses.usersAccesses, [personId]: grantScopes(level) }
	};
}
