import { describe, expect, it } from 'vitest';
import { defaultRowDetail, inheritsLabel } from './labels';

describe('defaultRowDetail', () => {
	it('says the default row is for anyone in a room of the default organization', () => {
		for (const organizationId of ['default', '']) {
			expect(defaultRowDetail(organizationId)).toBe('The default, for anyone not given more below');
		}
	});

	it('says it is for tokens of the organization in a room of one', () => {
		expect(defaultRowDetail('acme')).toBe(
			'The default, for anyone whose ID token is for organization acme and not given more below'
		);
	});
});

describe('inheritsLabel', () => {
	it('names the level an inherited cell resolves to', () => {
		expect(inheritsLabel('read')).toBe('Inherits (Read)');
		expect(inheritsLabel('none')).toBe('Inherits (No access)');
	});
});
