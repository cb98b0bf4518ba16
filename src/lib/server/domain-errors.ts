// Refusals a database rule can raise, so constraint-violations.ts can name them and domain code
// can throw the same ones when it finds the problem first. Messages are for the person who asked:
// routes show them next to the field concerned. A constraint does not say which value broke it,
// hence the ids that are optional.

/** Another person has this email (also when two admins create or rename to it at once). */
export class EmailTaken extends Error {
	constructor() {
		super('That email is taken: another person already has it.');
	}
}

/** Another group has this id (also when two admins create it at once). */
export class GroupIdTaken extends Error {
	constructor() {
		super('Another group already has this id. Ids never change, so pick another.');
	}
}

/** The person does not exist, or was deleted while the change was being made. */
export class PersonNotFound extends Error {
	constructor(readonly id?: string) {
		super(
			id
				? `No person with id ${id}: they may have been deleted.`
				: 'Someone this change names was deleted meanwhile. Nothing was changed.'
		);
	}
}

/** The group does not exist, or was deleted while the change was being made. */
export class GroupNotFound extends Error {
	constructor(readonly id?: string) {
		super(
			id
				? `No group with id ${id}: it may have been deleted.`
				: 'The group was deleted meanwhile. Nothing was changed.'
		);
	}
}

/** Someone added the same person to the same group at the same moment. */
export class MembershipChanged extends Error {
	constructor() {
		super("Someone changed this group's members at the same time. Nothing was changed; try again.");
	}
}

/** The person already has a pending request for this room (also when two arrive at once). */
export class AlreadyRequested extends Error {
	constructor() {
		super('You already asked for access to this room; an admin will decide');
	}
}

/** An identity-provider login is already linked to a person (two first sign-ins at once). */
export class LoginAlreadyLinked extends Error {
	constructor() {
		super('This sign-in is already linked to a person.');
	}
}
