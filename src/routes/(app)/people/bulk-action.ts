import { countNoun } from '$lib/count-noun';
import {
	bulkAddToGroup,
	bulkDeactivate,
	bulkRemoveFromGroup,
	countToDeactivate,
	countToRemove,
	type BulkTarget
} from '$lib/server/people/bulk';
import type { Database } from '$lib/server/prisma-client';
import type { BulkForm, BulkMessage } from './bulk-form';

const people = (count: number) => countNoun(count, 'person', 'people');

/** Runs the chosen bulk action and says what it did, in numbers the admin can check. */
export async function runBulkAction(
	db: Database,
	actorId: string,
	form: BulkForm,
	target: BulkTarget
): Promise<BulkMessage> {
	switch (form.operation) {
		case 'add': {
			const { targeted, changed, group } = await bulkAddToGroup(db, actorId, form.group, target);
			const unchanged = targeted - changed;
			return success(
				`Added ${people(changed)} to ${group.name}.`,
				unchanged > 0 &&
					`${unchanged.toLocaleString('en')} of the ${targeted.toLocaleString('en')} already were members.`
			);
		}
		case 'remove': {
			const { group, count } = await countToRemove(db, form.group, target);
			if (count === 0) {
				return { tone: 'error', text: `Nobody to remove: nobody chosen is a member of ${group.name}.` };
			}
			return {
				tone: 'confirm',
				text: `Remove ${people(count)} from ${group.name}? They lose the access the group gives them in every room.`,
				yes: { operation: 'confirm-remove', label: 'Yes, remove' },
				asked: askedOf(form)
			};
		}
		case 'confirm-remove': {
			const { targeted, changed, group } = await bulkRemoveFromGroup(db, actorId, form.group, target);
			const unchanged = targeted - changed;
			return success(
				`Removed ${people(changed)} from ${group.name}.`,
				unchanged > 0 &&
					`${unchanged.toLocaleString('en')} of the ${targeted.toLocaleString('en')} were not members.`
			);
		}
		case 'deactivate': {
			const count = await countToDeactivate(db, actorId, target);
			if (count === 0) {
				return {
					tone: 'error',
					text: 'Nobody to deactivate: everyone chosen is deactivated already (or is you).'
				};
			}
			return {
				tone: 'confirm',
				text: `Deactivate ${people(count)}? They can no longer sign in or get an ID token; an admin can reactivate each of them later.`,
				yes: { operation: 'confirm-deactivate', label: 'Yes, deactivate' },
				asked: askedOf(form)
			};
		}
		case 'confirm-deactivate': {
			const { targeted, changed, skippedSelf } = await bulkDeactivate(db, actorId, target);
			const unchanged = targeted - changed;
			return success(
				`Deactivated ${people(changed)}.`,
				unchanged > 0 &&
					`${unchanged.toLocaleString('en')} of the ${targeted.toLocaleString('en')} were deactivated already.`,
				skippedSelf && 'You stay active: you cannot deactivate yourself.'
			);
		}
	}
}

function askedOf({ scope, ids, group }: BulkForm) {
	return { scope, ids, group };
}

function success(...sentences: (string | false)[]): BulkMessage {
	return { tone: 'success', text: sentences.filter(Boolean).join(' ') };
}
