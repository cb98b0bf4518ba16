import type { PolicyChange } from '$lib/access';
import type { Names } from '$lib/labels';

/** Names for the one group or person a bulk change is about; any other id (there is none) stays as it is. */
export function subjectNames(change: PolicyChange, subject: string | null | undefined): Names {
	const named = (id: string, ownId: string | undefined) => (subject && id === ownId ? subject : id);
	return {
		group: (id) => named(id, 'groupId' in change ? change.groupId : undefined),
		person: (id) => named(id, 'userId' in change ? change.userId : undefined)
	};
}
