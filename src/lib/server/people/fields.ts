import type { Prisma } from '../prisma/client';

/** A person's profile as Gatehouse and Liveblocks' userInfo know it: what most reads of a person select. */
export const personProfileSelect = {
	id: true,
	email: true,
	name: true,
	role: true,
	status: true,
	avatarUrl: true,
	color: true
} as const satisfies Prisma.PersonSelect;
