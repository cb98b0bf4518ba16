import { describe, expect, it } from 'vitest';
import { liveblocksIdentity, sortIds, tokenRefusal } from './identity';

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

describe('sortIds', () => {
	it('orders by code unit, as every machine does, not by a locale', () => {
		// A non-C collation puts 'a-b' after 'aB' and lowercase before uppercase; code units do not.
		expect(sortIds(['b', 'a-b', 'aB', 'A', '_x'])).toEqual(['A', '_x', 'a-b', 'aB', 'b']);
	});
});

describe('tokenRefusal', () => {
	const active = {
		id: 'p1',
		name: 'Mia',
		avatarUrl: null,
		color: null,
		groupIds: [],
		status: 'active' as const,
		mustChangePassword: false
	};

	it('issues a token to an active person with their own password', () => {
		expect(tokenRefusal(active)).toBeNull();
	});

	it('refuses a deactivated person, before anything else', () => {
		expect(tokenRefusal({ ...active, status: 'deactivated', mustChangePassword: true })?.reason).toBe(
			'deactivated'
		);
	});

	it('refuses someone who still has a temporary password', () => {
		expect(tokenRefusal({ ...active, mustChangePassword: true })?.reason).toBe('temporary-password');
	});

	it('refuses a profile whose userInfo Liveblocks would reject', () => {
		const refusal = tokenRefusal({ ...active, avatarUrl: `https://example.com/${'a'.repeat(1100)}` });
		expect(refusal?.reason).toBe('user-info-too-long');
		expect(refusal?.message).toContain('1024');
	});
});
