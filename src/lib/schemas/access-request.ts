import { z } from 'zod';
import { requestLevels, requestMessageMaxLength } from '$lib/access-requests';
import { text } from './text';

const max = requestMessageMaxLength;

/** A member asking for access: what they write is optional. */
export const accessRequestSchema = z.object({
	message: text().trim().max(max, `At most ${max} characters`).default('')
});

/** An admin's choice of what to grant. */
export const approvalLevelSchema = z.enum(requestLevels, { error: 'Choose what they may do' });

/** An admin declining: the person reads the reason on their home, so one is required. */
export const declineSchema = z.object({
	reason: text().trim().min(1, 'Say why, so they know what to do next').max(max, `At most ${max} characters`)
});

const scopeList = z.array(text().max(64)).max(32);
/**
 * A room's accesses as a page read them, sent back as JSON with a save (the access editor) or a
 * confirmation (the approval preview). Ids and scopes are text(): JSON may carry \u0000.
 */
export const roomAccessesSchema = z.object({
	defaultAccesses: scopeList,
	groupsAccesses: z.record(text(), scopeList),
	usersAccesses: z.record(text(), scopeList)
});

/** The confirmation of an approval: the level previewed and the accesses the preview came from (JSON). */
export const approvalSchema = z.object({
	level: approvalLevelSchema,
	loaded: text().transform((json, context) => {
		const parsed = roomAccessesSchema.safeParse(readJson(json));
		if (parsed.success) return parsed.data;
		context.addIssue({ code: 'custom', message: 'The preview was unreadable. Preview the approval again.' });
		return z.NEVER;
	})
});

function readJson(json: string): unknown {
	try {
		return JSON.parse(json);
	} catch {
		return undefined;
	}
}
