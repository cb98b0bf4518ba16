import type { ParamMatcher } from '@sveltejs/kit';

/**
 * A bulk job's id (a Prisma cuid). Matching only those keeps /rooms/bulk/… from hiding the pages
 * of a room whose id is "bulk" (/rooms/bulk/access stays that room's access page).
 */
export const match: ParamMatcher = (param) => /^c[a-z0-9]{20,32}$/.test(param);
