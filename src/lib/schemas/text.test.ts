import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { accessRequestSchema, approvalSchema, declineSchema } from './access-request';
import { bulkChangeSchema } from './bulk-policy';
import { groupDetailsSchema, memberAdditionSchema, newGroupSchema } from './group';
import { passwordChangeSchema, temporaryPasswordSchema } from './password';
import { personSchema } from './person';
import { newRoomSchema } from './room';
import { signInSchema } from './sign-in';
import { nulMessage, text } from './text';

/** `value` with a NUL at a position fast-check picks. */
const withNul = (value: string) =>
	fc.nat({ max: value.length }).map((at) => `${value.slice(0, at)}\u0000${value.slice(at)}`);

function messagesAt(schema: z.ZodType, input: unknown, path: string): string[] {
	const result = schema.safeParse(input);
	if (result.success) return [];
	return result.error.issues.filter((issue) => issue.path.join('.') === path).map((issue) => issue.message);
}

describe('text()', () => {
	it('accepts exactly the strings without a NUL', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'binary' }), (value) => {
				expect(text().safeParse(value).success).toBe(!value.includes('\u0000'));
			})
		);
	});

	it('says only that the NUL must go, whatever else the field checks', () => {
		const field = text().trim().min(1, 'Enter a name').max(5, 'At most 5 characters');
		fc.assert(
			fc.property(
				fc.string().chain((value) => withNul(value)),
				(value) => {
					const result = field.safeParse(value);
					expect(result.success).toBe(false);
					expect(result.error?.issues.map((issue) => issue.message)).toEqual([nulMessage]);
				}
			)
		);
	});
});

/** A valid input of each form schema, and the text fields where a NUL must be refused. */
const forms: { name: string; schema: z.ZodType; valid: Record<string, unknown>; fields: string[] }[] = [
	{
		name: 'person',
		schema: personSchema,
		valid: {
			name: 'Mia Designer',
			email: 'mia@example.com',
			role: 'member',
			status: 'active',
			avatarUrl: 'https://example.com/mia.png',
			color: '#1d4ed8'
		},
		fields: ['name', 'email', 'avatarUrl', 'color']
	},
	{
		name: 'new group',
		schema: newGroupSchema,
		valid: { id: 'design', name: 'Design', description: 'The design team' },
		fields: ['id', 'name', 'description']
	},
	{
		name: 'group details',
		schema: groupDetailsSchema,
		valid: { name: 'Design', description: 'x' },
		fields: ['name', 'description']
	},
	{
		name: 'member addition',
		schema: memberAdditionSchema,
		valid: { personIds: ['p1'], emails: 'mia@example.com' },
		fields: ['personIds.0', 'emails']
	},
	{
		name: 'new room',
		schema: newRoomSchema,
		valid: {
			id: 'team-room',
			organizationId: 'org',
			metadataKeys: ['title'],
			metadataValues: ['Team'],
			preset: 'private',
			copyFrom: 'other-room'
		},
		fields: ['id', 'organizationId', 'metadataKeys.0', 'metadataValues.0', 'copyFrom']
	},
	{
		name: 'bulk change',
		schema: bulkChangeSchema,
		valid: { mode: 'filter', q: 'team', org: 'org', kind: 'set-group', groupId: 'design', digest: 'abc' },
		fields: ['q', 'org', 'groupId', 'digest']
	},
	{ name: 'access request', schema: accessRequestSchema, valid: { message: 'Please' }, fields: ['message'] },
	{ name: 'decline', schema: declineSchema, valid: { reason: 'Not now' }, fields: ['reason'] },
	{
		name: 'approval',
		schema: approvalSchema,
		valid: {
			level: 'view',
			loaded: JSON.stringify({ defaultAccesses: [], groupsAccesses: {}, usersAccesses: {} })
		},
		fields: ['loaded']
	},
	{
		name: 'password change',
		schema: passwordChangeSchema,
		valid: { current: 'old password 1', password: 'new password 12', confirm: 'new password 12' },
		fields: ['current', 'password']
	},
	{
		name: 'temporary password',
		schema: temporaryPasswordSchema,
		valid: { password: 'temporary password' },
		fields: ['password']
	},
	{
		name: 'sign-in',
		schema: signInSchema,
		valid: { email: 'mia@example.com', password: 'secret' },
		// Its email is z.email(), which refuses a NUL as no email address.
		fields: ['password']
	}
];

function setAt(input: Record<string, unknown>, path: string, value: string): Record<string, unknown> {
	const [key, index] = path.split('.') as [string, string | undefined];
	if (index === undefined) return { ...input, [key]: value };
	const list = [...(input[key] as string[])];
	list[Number(index)] = value;
	return { ...input, [key]: list };
}

function getAt(input: Record<string, unknown>, path: string): string {
	const [key, index] = path.split('.') as [string, string | undefined];
	const value = input[key];
	return index === undefined ? (value as string) : (value as string[])[Number(index)]!;
}

describe.each(forms)('the $name form', ({ schema, valid, fields }) => {
	it('is valid without a NUL', () => {
		expect(schema.safeParse(valid).success).toBe(true);
	});

	it.each(fields)('refuses a NUL anywhere in %s, next to that field', (field) => {
		fc.assert(
			fc.property(withNul(getAt(valid, field)), (value) => {
				const messages = messagesAt(schema, setAt(valid, field, value), field);
				// A URL with a NUL in its host is also no URL; the NUL is named either way.
				if (field === 'avatarUrl') expect(messages).toContain(nulMessage);
				else expect(messages).toEqual([nulMessage]);
			})
		);
	});
});

it('every text field of the shared schemas is built with text()', () => {
	const dir = import.meta.dirname;
	const sources = readdirSync(dir).filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'));
	for (const file of sources.filter((name) => name !== 'text.ts')) {
		const lines = readFileSync(join(dir, file), 'utf8').split('\n');
		// redirectTo is never stored: safeRedirectPath makes anything unsafe (a NUL too) '/'.
		const bare = lines.filter((line) => /\bz\s*\.\s*string\s*\(/.test(line) && !line.includes('redirectTo'));
		expect(bare, file).toEqual([]);
	}
});
