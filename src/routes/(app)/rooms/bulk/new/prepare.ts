// Turns the bulk change form into the rooms and the change, or puts the reason next to the field.
import { setError, type SuperValidated } from 'sveltekit-superforms';
import type { PolicyChange } from '$lib/access';
import { policyChangeOf, type BulkChangeForm } from '$lib/schemas/bulk-policy';
import { db } from '$lib/server/db';
import { findPeopleByEmail } from '$lib/server/people/find';
import {
	describeSelection,
	resolveSelection,
	SelectionTooLarge,
	type RoomSelection
} from '$lib/server/rooms/bulk/selection';

export type PickedPerson = { id: string; name: string; email: string };

export type PreparedChange = {
	roomIds: string[];
	change: PolicyChange;
	selection: string;
	person: PickedPerson | null;
	/** The group or person the change is about, named for the preview; null for the default or an unknown group. */
	subject: string | null;
};

/** The rooms and change a valid form names; null (with errors set on `form`) when it names none. */
export async function prepareChange(form: SuperValidated<BulkChangeForm>): Promise<PreparedChange | null> {
	const input = form.data;
	let person: PickedPerson | null = null;
	if (input.kind.endsWith('-user')) {
		person = await chosenPerson(input);
		if (!person) {
			setError(form, 'personIds._errors', 'No one in the directory has this email.');
			return null;
		}
	}
	const group = input.kind.endsWith('-group')
		? await db.group.findUnique({ where: { id: input.groupId }, select: { name: true } })
		: null;
	if (input.kind === 'set-group' && !group) {
		setError(form, 'groupId', 'No group has this id: create it under Groups first.');
		return null;
	}
	const selection: RoomSelection =
		input.mode === 'rooms'
			? { kind: 'rooms', roomIds: input.rooms }
			: { kind: 'filter', search: input.q, organizationId: input.org };
	let roomIds: string[];
	try {
		roomIds = await resolveSelection(db, selection);
	} catch (error) {
		if (!(error instanceof SelectionTooLarge)) throw error;
		setError(form, input.mode === 'rooms' ? 'rooms._errors' : 'q', `${error.message} Narrow the filter.`);
		return null;
	}
	if (roomIds.length === 0) {
		setError(
			form,
			input.mode === 'rooms' ? 'rooms._errors' : 'q',
			input.mode === 'rooms'
				? 'None of these rooms is in the index any more.'
				: 'No room matches this filter.'
		);
		return null;
	}
	return {
		roomIds,
		change: policyChangeOf(input, person?.id ?? ''),
		selection: describeSelection(selection, roomIds.length),
		person,
		subject: person ? `${person.name} (${person.email})` : (group?.name ?? null)
	};
}

async function chosenPerson(input: BulkChangeForm): Promise<PickedPerson | null> {
	const select = { id: true, name: true, email: true } as const;
	if (input.personIds[0]) return db.person.findUnique({ where: { id: input.personIds[0] }, select });
	const { ids } = await findPeopleByEmail(db, [input.personEmails]);
	return ids[0] ? db.person.findUnique({ where: { id: ids[0] }, select }) : null;
}
