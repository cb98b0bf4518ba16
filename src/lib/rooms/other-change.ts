// Who made the change a refused access save ran into: what the server finds in the audit log and
// the conflict view names (src/lib/server/rooms/other-change.ts).

export type OtherChange =
	/** A save in Gatehouse (the editor, an approved request or a bulk change) that left the room as it is now. */
	| {
			by: 'gatehouse';
			/** null when the person has since been deleted. */
			actor: { name: string; isYou: boolean } | null;
			at: Date;
			bulkJobId: string | null;
	  }
	/** No save in Gatehouse since the editor loaded explains what Liveblocks has: someone changed it there. */
	| { by: 'outside' };
