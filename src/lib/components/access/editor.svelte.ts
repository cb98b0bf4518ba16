// The access editor's state: the version loaded from Liveblocks, the matrix being edited, and what
// follows from them (the lists to send, the problems, the differences). All pure access-model
// calls, so what the page shows is what the server will check.
import {
	diffRoomAccess,
	entryField,
	matrixOf,
	matrixToAccesses,
	mergedAccesses,
	rowDifferences,
	scopesToRow,
	threeWayMerge,
	validateRoomAccesses,
	type AccessMatrix,
	type AccessRow,
	type EntryKind,
	type MatrixEntry,
	type MergeChoice,
	type Principal,
	type RoomAccesses
} from '$lib/access';
import { newInviteKey, type InviteProblem } from '$lib/rooms/invites';
import type { OtherChange } from '$lib/rooms/other-change';

/** A save refused because the room changed meanwhile, as the server answered it. */
export type Conflict = {
	/** What Liveblocks has now. */
	current: RoomAccesses;
	/** Who made the change, from the audit log. */
	otherChange: OtherChange;
	/** The audit position of `current`, which becomes the loaded version's once merged. */
	currentAuditId: string;
};

/** A person to create on save, whose row's id is a placeholder (`key`); a blank name means the default. */
export type PendingInvite = { key: string; email: string; name: string };

const noAccesses: RoomAccesses = { defaultAccesses: [], groupsAccesses: {}, usersAccesses: {} };

export class AccessEditorState {
	/** What Liveblocks had when this editor loaded (or when a conflict was resolved). */
	loaded: RoomAccesses = $state.raw(noAccesses);
	/** The room's newest audit event when `loaded` was read: a conflict names the saves after it. */
	loadedAuditId = $state('0');
	matrix: AccessMatrix = $state(matrixOf(noAccesses));
	/** Set when a save was refused because the room changed meanwhile. */
	conflict: Conflict | null = $state.raw(null);
	/** Entries taken out since loading, kept so each can be restored until the save. */
	removed: { kind: EntryKind; entry: MatrixEntry }[] = $state([]);
	/** People invited by email since loading; each has a user row until it is removed. */
	invites: PendingInvite[] = $state([]);
	/** Why the last save refused invites, by row key. */
	inviteProblems: InviteProblem[] = $state.raw([]);

	readonly edited = $derived(matrixToAccesses(this.matrix, this.loaded));
	readonly problems = $derived(validateRoomAccesses(this.edited));
	readonly differences = $derived(rowDifferences(this.loaded, this.edited));
	readonly payload = $derived(diffRoomAccess(this.loaded, this.edited));
	/** The invites the save carries: those whose row is still in the matrix. */
	readonly invitesToSave = $derived(this.invites.filter((invite) => this.has('user', invite.key)));
	/** During a conflict, every row either side changed and how it merges. */
	readonly merges = $derived(
		this.conflict ? threeWayMerge(this.loaded, this.edited, this.conflict.current) : []
	);

	constructor(loaded: RoomAccesses, loadedAuditId = '0') {
		this.restart(loaded, loadedAuditId);
	}

	/** Starts over from `accesses` as both the loaded and the edited version. */
	restart(accesses: RoomAccesses, loadedAuditId = this.loadedAuditId) {
		this.loaded = accesses;
		this.loadedAuditId = loadedAuditId;
		this.matrix = matrixOf(accesses);
		this.conflict = null;
		this.removed = [];
		this.invites = [];
		this.inviteProblems = [];
	}

	entries(kind: EntryKind) {
		return kind === 'group' ? this.matrix.groups : this.matrix.users;
	}

	has(kind: EntryKind, id: string) {
		return this.entries(kind).some((entry) => entry.id === id);
	}

	rowOf(principal: Principal): AccessRow | undefined {
		if (principal.kind === 'default') return this.matrix.defaultRow;
		return this.entries(principal.kind).find((entry) => entry.id === principal.id)?.row;
	}

	setRow(principal: Principal, row: AccessRow) {
		if (principal.kind === 'default') this.matrix.defaultRow = row;
		else {
			const entry = this.entries(principal.kind).find((e) => e.id === principal.id);
			if (entry) entry.row = row;
		}
	}

	/** A new entry with `row`; one removed earlier comes back as it was instead. */
	add(kind: EntryKind, id: string, row: AccessRow) {
		if (this.has(kind, id)) return;
		const removed = this.removed.find((r) => r.kind === kind && r.entry.id === id);
		if (removed) this.restore(kind, id);
		else this.entries(kind).push({ id, row });
	}

	/** A row for someone not in the directory yet, created when the matrix is saved. */
	invite(email: string, row: AccessRow) {
		if (this.invites.some((invite) => invite.email === email && this.has('user', invite.key))) return;
		const key = newInviteKey();
		this.invites.push({ key, email, name: '' });
		this.entries('user').push({ id: key, row });
	}

	inviteOf(key: string): PendingInvite | undefined {
		return this.invites.find((invite) => invite.key === key);
	}

	remove(kind: EntryKind, id: string) {
		const entries = this.entries(kind);
		const index = entries.findIndex((entry) => entry.id === id);
		if (index < 0) return;
		const [entry] = entries.splice(index, 1);
		this.removed.push({ kind, entry: entry! });
	}

	restore(kind: EntryKind, id: string) {
		const index = this.removed.findIndex((r) => r.kind === kind && r.entry.id === id);
		if (index < 0) return;
		const { entry } = this.removed.splice(index, 1)[0]!;
		this.entries(kind).push(entry);
	}

	/** Drops every change and starts from what Liveblocks has now. */
	discardForCurrent() {
		if (this.conflict) this.restart(this.conflict.current, this.conflict.currentAuditId);
	}

	/**
	 * Makes the merge the edited version and Liveblocks' version the loaded one: what is left to save
	 * is the admin's side of it, reviewed as any edit. Entries the merge leaves out show as removed.
	 */
	resolve(choices: Record<string, MergeChoice>) {
		if (!this.conflict) return;
		const { current, currentAuditId } = this.conflict;
		const merged = mergedAccesses(this.merges, this.loaded, this.edited, current, choices);
		this.loaded = current;
		this.loadedAuditId = currentAuditId;
		this.matrix = matrixOf(merged);
		this.removed = (['group', 'user'] as const).flatMap((kind) => {
			const field = entryField[kind];
			return Object.entries(current[field])
				.filter(([id]) => !Object.hasOwn(merged[field], id))
				.map(([id, scopes]) => ({ kind, entry: { id, row: scopesToRow(scopes) } }));
		});
		this.conflict = null;
	}
}
