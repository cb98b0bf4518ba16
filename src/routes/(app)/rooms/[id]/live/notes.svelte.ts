import { LiveList, type LiveObject } from '@liveblocks/client';
import { newNoteId, noteTextProblem } from './note-text';
import type { LiveRoomHandle, Note, RemovedNote, Storage } from './live-types';

/**
 * The room's shared notes, a LiveList in Liveblocks Storage. Writes go through here only, and only
 * when `getSelf().canWrite`: the dev server accepts writes from read-only tokens, so the client
 * itself must not attempt them.
 */
export class NotesStorage {
	items = $state.raw<Note[]>([]);
	loaded = $state(false);
	#room: LiveRoomHandle | null = null;
	#root: LiveObject<Storage> | null = null;

	watch(room: LiveRoomHandle): () => void {
		this.#room = room;
		let stopped = false;
		let stopStorage = () => {};
		room.getStorage().then(({ root }) => {
			if (stopped) return;
			this.#root = root;
			const read = () => (this.items = root.get('notes')?.map((note) => note) ?? []);
			// Deep, so the list appearing (a writer populating an empty room) counts as well as its items.
			stopStorage = room.subscribe(root, read, { isDeep: true });
			read();
			this.loaded = true;
		});
		return () => {
			stopped = true;
			stopStorage();
			this.#room = null;
			this.#root = null;
		};
	}

	get canWrite(): boolean {
		return this.#room?.getSelf()?.canWrite === true;
	}

	/** Adds a note by the signed-in person; returns why not, or null when it was added. */
	add(text: string): string | null {
		const problem = noteTextProblem(text);
		if (problem) return problem;
		const self = this.#room?.getSelf();
		const root = this.#root;
		if (!self?.canWrite || !root) return 'You cannot edit this room’s storage.';
		const note: Note = { id: newNoteId(), text: text.trim(), authorId: self.id, authorName: self.info.name };
		const notes = root.get('notes');
		if (notes) notes.push(note);
		else root.set('notes', new LiveList([note]));
		return null;
	}

	/** Removes a note; returns it and where it was, for Undo, or null when nothing was removed. */
	remove(id: string): RemovedNote | null {
		if (!this.canWrite) return null;
		const notes = this.#root?.get('notes');
		const index = notes?.findIndex((note) => note.id === id) ?? -1;
		const note = notes?.get(index);
		if (!note) return null;
		notes!.delete(index);
		return { note, index };
	}

	/** Puts a removed note back where it was, or last when the list has shrunk meanwhile. */
	restore({ note, index }: RemovedNote) {
		const notes = this.#root?.get('notes');
		if (!this.canWrite || !notes || notes.some((other) => other.id === note.id)) return;
		notes.insert(note, Math.min(index, notes.length));
	}
}
