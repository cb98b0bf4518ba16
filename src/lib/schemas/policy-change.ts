import { z } from 'zod';
import type { PolicyChange } from '$lib/access';

const scopes = z.array(z.string());

/** A PolicyChange as stored with a bulk job (its shape only; validatePolicyChange checks the rules). */
export const policyChangeSchema = z.discriminatedUnion('kind', [
	z.object({ kind: z.literal('set-group'), groupId: z.string(), scopes }),
	z.object({ kind: z.literal('set-user'), userId: z.string(), scopes }),
	z.object({ kind: z.literal('remove-group'), groupId: z.string() }),
	z.object({ kind: z.literal('remove-user'), userId: z.string() }),
	z.object({ kind: z.literal('set-default'), scopes })
]) satisfies z.ZodType<PolicyChange>;
