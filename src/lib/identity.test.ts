import { describe, expect, it } from 'vitest';
import { liveblocksIdentity } from './identity';

describe('liveblocksIdentity', () => {
	it('sends the person id, sorted group ids and profile as userInfo', () => {
		const identity = liveblocksIdentity({
			id: 'p1',
			name: 'Mia',
			avatarUrl: 'https://example.com/mia.png',
			color: '#c026d3',
			groupIds: ['reviewers', 'designers']
		});
		expect(identity).toEqual({
			userId: 'p1',
			groupIds: ['designers', 'reviewers'],
			userInfo: { name: 'Mia', avatar: 'https://example.com/mia.png', color: '#c026d3' }
		});
	});

	it('leaves out profile fields that are not set', () => {
		const identity = liveblocksIdentity({
			id: 'p2',
			name: 'Otto',
			avatarUrl: null,
			color: null,
			groupIds: []
		});
		expect(identity.userInfo).toEqual({ name: 'Otto' });
		expect(identity.groupIds).toEqual([]);
	});
});
