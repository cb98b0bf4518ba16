// The one door to Liveblocks: every call the app makes goes through askLiveblocks (and the helpers
// built on it), which bound its time, retry what is safe to repeat and type its failures. The app's
// client itself is in ./client, which reads the environment; domain code is handed a client.
export { askLiveblocks, liveblocksTimeoutMs, readRoom, type CallOptions } from './call';
export { LiveblocksUnavailable, RoomExists, RoomNotFound, WriteUnconfirmed } from './errors';
export { identifyUser } from './identify';
export { interactiveRetry, singleTry, type RetryPolicy } from './retry';
export { writeToRoom } from './write';
