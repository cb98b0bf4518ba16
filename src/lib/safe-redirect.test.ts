import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './safe-redirect';

describe('safeRedirectPath', () => {
	it('keeps paths on this site', () => {
		expect(safeRedirectPath('/rooms/handbook/live?x=1')).toBe('/rooms/handbook/live?x=1');
	});

	it.each([null, undefined, '', 'https://evil.example', '//evil.example', '/\\evil.example', 'rooms'])(
		'sends %s to the start page',
		(target) => {
			expect(safeRedirectPath(target)).toBe('/');
		}
	);
});
