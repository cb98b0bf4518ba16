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

const scopeList = z.array(z.string().max(64)).max(32);
/** A room's accesses as the approval preview read them, sent back with the confirmation. */
export const roomAccessesSchema = z.object({
	defaultAccesses: scopeList,
	groupsAccesses: z.record(z.string(), scopeList),
	usersAccesses: z.record(z.string(), scopeList)
});

/** The confirmation of an approval: the level previewed and the accesses the preview came from (JSON). */
export const approvalSchema = z.object({
	level: approvalLevelSchema,
	loaded: z.string().transform((text, context) => {
		const parsed = roomAccessesSchema.safeParse(readJson(text));
		if (parsed.success) return parsed.data;
		context.addIssue({ code: 'custom', message: 'The preview was unreadable. Preview the approval again.' });
		return z.NEVER;
	})
});

function readJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}
