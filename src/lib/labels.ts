// The words Gatehouse shows for Liveblocks' levels, resources and rules (docs: shared ux.md).
// Pages that name access import them from here, so a level reads the same everywhere.
import type { EffectiveAccess, Level, Resource, RuleSource } from '$lib/access';

export const levelLabels: Record<Level, string> = { none: 'No access', read: 'Read', write: 'Write' };

export const resourceLabels: Record<Resource, string> = {
	room: 'Room',
	storage: 'Storage',
	comments: 'Comments',
	'comments:public': 'Public comments',
	'comments:private': 'Private comments',
	feeds: 'Feeds'
};

/** What room.getSelf() reports, in words. */
export const selfLabels = { canWrite: 'Can edit storage', canComment: 'Can comment' } as const;

export type AccessSummary = 'Can edit' | 'Can comment' | 'Can view' | 'No access';

/** A room's effective access in one phrase, as share dialogs say it. */
export function accessSummary(access: EffectiveAccess): AccessSummary {
	if (!access.canConnect) return 'No access';
	if (access.canWrite) return 'Can edit';
	return access.canComment ? 'Can comment' : 'Can view';
}

/** The rule that decided a resource, with a group's name when it is known. */
export function ruleLabel(source: RuleSource, groupName: (id: string) => string = (id) => id): string {
	switch (source.kind) {
		case 'default':
			return 'Everyone signed in (default)';
		case 'group':
			return `Group ${groupName(source.groupId)}`;
		case 'user':
			return 'Own entry';
		case 'none':
			return 'No rule';
	}
}
