// Which failures of one room's try are worth another try later in a bulk job.
import { LiveblocksUnavailable } from '../../liveblocks';
import { RoomWriteBusy } from '../write-claim';

/** Rate limited, failed on Liveblocks' side, unanswered, or claimed by another writer too long. */
export function isRetryable(error: unknown): boolean {
	return (error instanceof LiveblocksUnavailable && error.isTransient) || error instanceof RoomWriteBusy;
}
