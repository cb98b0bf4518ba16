// Importing the Auth.js handle also validates the environment (env.ts) when the server starts.
export { handle } from '$lib/server/auth/authjs';
