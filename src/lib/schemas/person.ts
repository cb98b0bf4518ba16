import { z } from 'zod';
import { liveblocksIdentity, userInfoLimit } from '$lib/identity';
import { roles } from '$lib/roles';
import { hasNul, nulMessage, text } from './text';

export const personStatuses = ['active', 'deactivated'] as const;

const optionalText = (schema: z.ZodType<string>) =>
	z.preprocess(
		(value) => (typeof value === 'string' && value.trim() === '' ? null : value),
		schema.nullable()
	);

/** A person as admins edit them: the form, the CSV import and the domain functions share it. */
export const personSchema = z
	.object({
		name: text().trim().min(1, 'Enter a name').max(120, 'At most 120 characters'),
		// normaliseEmail's steps as zod checks, so superforms can read the schema (a test keeps them equal).
		email: text()
			.trim()
			.toLowerCase()
			.max(254, 'At most 254 characters')
			.pipe(z.email('Enter a valid email address')),
		role: z.enum(roles, 'Choose admin, support or member').default('member'),
		status: z.enum(personStatuses, 'Choose active or deactivated').default('active'),
		avatarUrl: optionalText(
			z
				.url({ protocol: /^https?$/, error: 'Enter an http(s) URL' })
				.max(2048, 'At most 2048 characters')
				// A URL may hold a NUL in its path; PostgreSQL text may not.
				.refine((value) => !hasNul(value), nulMessage)
		).default(null),
		color: optionalText(text().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #1d4ed8')).default(null)
	})
	.superRefine((person, ctx) => {
		const { userInfo } = liveblocksIdentity({ id: '', groupIds: [], ...person });
		const length = JSON.stringify(userInfo).length;
		if (length > userInfoLimit) {
			ctx.addIssue({
				code: 'custom',
				path: [(person.avatarUrl?.length ?? 0) > person.name.length ? 'avatarUrl' : 'name'],
				message: `Name, avatar URL and colour make a Liveblocks userInfo of ${length} characters; the limit is ${userInfoLimit}`
			});
		}
	});

export type PersonInput = z.output<typeof personSchema>;
