import type { SessionPerson } from '$lib/server/authorization';
import type { LiveblocksUserInfo } from '$lib/identity';

declare global {
	namespace App {
		interface Locals {
			/** Set by authorization.ts on first use; read through sessionPerson(event). */
			person?: Promise<SessionPerson | null>;
			/** Set by renewSession (authjs.ts): the session version this request's cookie is sealed with. */
			sessionRenewal?: { personId: string; sessionVersion: number };
			/** Set when this request failed because the database is unavailable (database-unavailable-response.ts). */
			databaseUnavailable?: boolean;
		}
		interface Error {
			message: string;
			/** The error was the database's: the page says to try again, the answer is a 503. */
			databaseUnavailable?: boolean;
		}
	}

	/** Types for @liveblocks/client: what the ID-token endpoint puts in userInfo. */
	interface Liveblocks {
		UserMeta: { id: string; info: LiveblocksUserInfo };
	}
}

declare module '@auth/core/jwt' {
	/** What Gatehouse adds to the Auth.js token at sign-in (src/lib/server/auth/sessions.ts). */
	interface JWT {
		sessionVersion?: number;
		signedInAt?: number;
	}
}

declare module '@auth/core/types' {
	interface Session {
		/** The person's session version when this session signed in; compared on every request. */
		sessionVersion?: number;
	}
}

export {};
