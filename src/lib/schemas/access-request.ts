import { z } from 'zod';
import { requestLevels, requestMessageMaxLength } from '$lib/access-requests';

const max = requestMessageMaxLength;

/** A member asking for access: what they write is optional. */
export const accessRequestSchema = z.object({
	message: z.string().trim().max(max, `At most ${max} characters`).default('')
});

/** An admin's choice of what to grant. */
export const approvalLevelSchema = z.enum(requestLevels, { error: 'Choose what they may do' });

/** An admin declining: the person reads the reason on their home, so one is required. */
export const declineSchema = z.object({
	reason: z
		.string()
		.trim()
		.min(1, 'Say why, so they know what to do next')
		.max(max, `At most ${max} characters`)
});
