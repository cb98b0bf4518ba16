import { z } from 'zod';
import type { PolicyChange } from '$lib/access';
import { text } from './text';

const scopes = z.array(text());

/** A PolicyChange as stored with a bulk job (its shape only; validatePolicyChange checks the rules). */
export const policyChangeSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('set-group'), groupId: text(), scopes }),
	z.object({ kind: z.literal('set-user'), userId: text(), scopes }),
	z.object({ kind: z.literal('remove-group'), groupId: text() }),
	z.object({ kind: z.literal('remove-user'), userId: text() }),
	z.object({ kind: z.literal('set-default'), scopes })
]) satisfies z.ZodType<PolicyChange>;
