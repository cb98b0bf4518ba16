import type { LiveList, Room } from '@liveblocks/client';
import type { LiveblocksUserInfo } from '$lib/identity';

/** A pointer over the shared area, as fractions of its width and height, so any window size agrees. */
export type Cursor = { x: number; y: number };

export type Presence = { cursor: Cursor | null };

export type Note = { id: string; text: string; authorId: string; authorName: string };

export type Storage = { notes: LiveList<Note> };
/** A note just removed, and where it stood, so Undo can put it back. */
export type RemovedNote = { note: Note; index: number };

/** What the ID-token endpoint puts in every token: the person's id and `userInfo`. */
export type UserMeta = { id: string; info: LiveblocksUserInfo };

export type LiveRoomHandle = Room<Presence, Storage, UserMeta>;
