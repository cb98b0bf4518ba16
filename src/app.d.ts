import type { SessionPerson } from '$lib/server/authorization';
import type { LiveblocksUserInfo } from '$lib/identity';

declare global {
	namespace App {
		interface Locals {
			/** Set by authorization.ts on first use; read through sessionPerson(event). */
			person?: Promise<SessionPerson | null>;
		}
		interface Error {
			message: string;
		}
	}

	/** Types for @liveblocks/client: what the ID-token endpoint puts in userInfo. */
	interface Liveblocks {
		UserMeta: { id: string; info: LiveblocksUserInfo };
	}
}

export {};
