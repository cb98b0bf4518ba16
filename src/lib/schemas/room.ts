import { z } from 'zod';
import { accessPresetNames } from '$lib/rooms/presets';
import { text } from './text';

/** Liveblocks' limits on a room (see /work/shared/docs/liveblocks.md). */
export const roomLimits = { idLength: 128, metadataKeys: 50, keyLength: 40, valueLength: 256 } as const;

/**
 * Liveblocks allows up to 128 characters; the console keeps to characters that are safe in a URL
 * path and an ID token without escaping.
 */
export const roomIdSchema = text()
	.trim()
	.min(1, { error: 'Enter an id', abort: true })
	.max(roomLimits.idLength, `At most ${roomLimits.idLength} characters`)
	.regex(/^[A-Za-z0-9_.:-]+$/, 'Use only letters, digits and - _ . :');

const organizationIdSchema = text()
	.trim()
	.max(roomLimits.idLength, `At most ${roomLimits.idLength} characters`)
	.regex(/^[A-Za-z0-9_.:-]*$/, 'Use only letters, digits and - _ . :')
	.default('');

/**
 * Metadata arrives as two parallel lists (one key and one value field per row), so the form works
 * without JavaScript; rows with neither key nor value are ignored.
 */
export const newRoomSchema = z
	.object({
		id: roomIdSchema,
		organizationId: organizationIdSchema,
		metadataKeys: z
			.array(text().trim().max(roomLimits.keyLength, `At most ${roomLimits.keyLength} characters`))
			.default([]),
		metadataValues: z
			.array(text().trim().max(roomLimits.valueLength, `At most ${roomLimits.valueLength} characters`))
			.default([]),
		preset: z.enum(accessPresetNames).default('private'),
		/** When set, the new room starts with this room's accesses instead of the preset. */
		copyFrom: text().trim().default('')
	})
	.superRefine((input, context) => {
		const seen = new Set<string>();
		input.metadataKeys.forEach((key, index) => {
			const value = input.metadataValues[index] ?? '';
			if (!key && value)
				context.addIssue({ code: 'custom', path: ['metadataKeys', index], message: 'Enter a key' });
			if (key && seen.has(key))
				context.addIssue({
					code: 'custom',
					path: ['metadataKeys', index],
					message: 'This key is already used'
				});
			if (key) seen.add(key);
		});
		if (seen.size > roomLimits.metadataKeys) {
			context.addIssue({
				code: 'custom',
				path: ['metadataKeys'],
				message: `At most ${roomLimits.metadataKeys} keys`
			});
		}
	});

export type NewRoom = z.output<typeof newRoomSchema>;

/** The metadata rows as Liveblocks takes them. */
export function metadataOf(input: Pick<NewRoom, 'metadataKeys' | 'metadataValues'>): Record<string, string> {
	return Object.fromEntries(
		input.metadataKeys.flatMap((key, index) => (key ? [[key, input.metadataValues[index] ?? '']] : []))
	);
}
