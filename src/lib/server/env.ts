import { building } from '$app/environment';
import { parseEnv, type Env } from './environment';

/**
 * The validated settings. Parsed when the server starts (hooks.server.ts imports this through
 * auth.ts), so a misconfigured instance stops at once with a list of what is wrong. `vite build`
 * imports server modules to analyse them and has no environment, hence the `building` guard.
 */
export const env: Env = building ? ({} as Env) : parseEnv(process.env);
