import { describe, expect, it } from 'vitest';
import { metadataOf, newRoomSchema } from './room';

const base = {
	id: 'team-room',
	organizationId: '',
	metadataKeys: [],
	metadataValues: [],
	preset: 'private',
	copyFrom: ''
};

function problems(input: Record<string, unknown>) {
	const result = newRoomSchema.safeParse({ ...base, ...input });
	return result.success ? [] : result.error.issues.map((issue) => [issue.path.join('.'), issue.message]);
}

describe('newRoomSchema', () => {
	it('accepts ids of letters, digits and - _ . : up to 128 characters', () => {
		expect(problems({ id: 'Org:team_1.board-2' })).toEqual([]);
		expect(problems({ id: 'a'.repeat(128) })).toEqual([]);
		expect(problems({ id: 'a'.repeat(129) })).toEqual([['id', 'At most 128 characters']]);
		expect(problems({ id: 'a/b' })).toEqual([['id', 'Use only letters, digits and - _ . :']]);
		expect(problems({ id: '  ' })).toEqual([['id', 'Enter an id']]);
	});

	it('keeps metadata within Liveblocks limits, each problem on its row', () => {
		expect(problems({ metadataKeys: ['k'.repeat(41)], metadataValues: ['v'] })).toEqual([
			['metadataKeys.0', 'At most 40 characters']
		]);
		expect(problems({ metadataKeys: ['title'], metadataValues: ['v'.repeat(257)] })).toEqual([
			['metadataValues.0', 'At most 256 characters']
		]);
		expect(problems({ metadataKeys: ['a', '', 'a'], metadataValues: ['1', '2', '3'] })).toEqual([
			['metadataKeys.1', 'Enter a key'],
			['metadataKeys.2', 'This key is already used']
		]);
		const keys = Array.from({ length: 51 }, (_, index) => `k${index}`);
		expect(problems({ metadataKeys: keys, metadataValues: keys })).toEqual([
			['metadataKeys', 'At most 50 keys']
		]);
	});

	it('turns the rows into metadata, skipping empty rows', () => {
		expect(metadataOf({ metadataKeys: ['title', '', 'team'], metadataValues: ['Plan', '', ''] })).toEqual({
			title: 'Plan',
			team: ''
		});
	});
});
