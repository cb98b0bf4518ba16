import { describe, expect, it } from 'vitest';
import { organizationName, tokenOrganizationId } from './organization';

describe('tokenOrganizationId', () => {
	it("carries the room's own organization", () => {
		expect(tokenOrganizationId('acme')).toBe('acme');
		expect(tokenOrganizationId('Default')).toBe('Default');
	});

	it('carries none for the default organization, however the index names it', () => {
		expect(tokenOrganizationId('default')).toBeUndefined();
		expect(tokenOrganizationId('')).toBeUndefined();
	});
});

describe('organizationName', () => {
	it('names an organization, or the default one', () => {
		expect(organizationName('acme')).toBe('organization acme');
		expect(organizationName('default')).toBe('the default organization');
		expect(organizationName('')).toBe('the default organization');
		expect(organizationName(undefined)).toBe('the default organization');
	});
});
