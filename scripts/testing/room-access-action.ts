import type { RoomAccesses } from '../../src/lib/access';

export type ActionResult = {
	type: 'success' | 'failure' | 'error' | 'redirect';
	status: number;
	data?: string;
};

/**
 * Posts the access editor's save action over HTTP as the page's enhanced form does, and returns
 * SvelteKit's answer (`data` is devalue-encoded, `status` the action's). Used by integration tests and the benchmark.
 */
export async function postRoomAccessSave(
	baseUrl: string,
	cookie: string,
	roomId: string,
	fields: {
		loaded: RoomAccesses | string;
		edited: RoomAccesses | string;
		/** People the edit invites, as the editor posts them (`key` is their row's placeholder id). */
		invites?: { key: string; email: string; name: string }[];
		/** The room's newest audit event when `loaded` was read (the page's `loadedAuditId`). */
		loadedAuditId?: string;
	}
): Promise<ActionResult> {
	const json = (value: RoomAccesses | string) => (typeof value === 'string' ? value : JSON.stringify(value));
	const response = await fetch(`${baseUrl}/rooms/${encodeURIComponent(roomId)}/access?/save`, {
		method: 'POST',
		headers: {
			origin: baseUrl,
			cookie,
			accept: 'application/json',
			'x-sveltekit-action': 'true',
			'content-type': 'application/x-www-form-urlencoded'
		},
		body: new URLSearchParams({
			loaded: json(fields.loaded),
			edited: json(fields.edited),
			...(fields.invites ? { invites: JSON.stringify(fields.invites) } : {}),
			...(fields.loadedAuditId ? { loadedAuditId: fields.loadedAuditId } : {})
		})
	});
	// An error (thrown by the action) carries its status only on the response.
	const result = (await response.json()) as Partial<ActionResult> & Pick<ActionResult, 'type'>;
	return { ...result, status: result.status ?? response.status };
}
