import { describe, expect, it } from 'vitest';
import { applyingEntries } from './applying-entries';

describe('applyingEntries', () => {
	it('lists the default, the person’s groups the room names and their own entry, nothing else', () => {
		const room = {
			defaultAccesses: [],
			groupsAccesses: { design: ['*:read'], ops: ['*:write'] },
			usersAccesses: { ana: ['*:read', 'comments:write'], ben: ['*:write'] }
		};
		expect(applyingEntries(room, { userId: 'ana', groupIds: ['design', 'unnamed'] })).toEqual([
			{ principal: { kind: 'default' }, scopes: [] },
			{ principal: { kind: 'group', id: 'design' }, scopes: ['*:read'] },
			{ principal: { kind: 'user', id: 'ana' }, scopes: ['*:read', 'comments:write'] }
		]);
	});

	it('does not take an id named like an object property for an entry', () => {
		const room = { defaultAccesses: ['*:read'], groupsAccesses: {}, usersAccesses: {} };
		expect(applyingEntries(room, { userId: 'constructor', groupIds: ['__proto__'] })).toEqual([
			{ principal: { kind: 'default' }, scopes: ['*:read'] }
		]);
	});
});
