import { describe, expect, it } from 'vitest';
import { audienceSearch, defaultAudienceQuery, parseAudienceQuery } from './audience-query';

describe('the people with access URL', () => {
	it('reads each field, falling back on its own to the default when it is bad', () => {
		expect(
			parseAudienceQuery(new URLSearchParams('q=%20ng%20&level=comment&group=ops&everyone=1&size=25'))
		).toEqual({
			...defaultAudienceQuery,
			q: 'ng',
			level: 'Can comment',
			group: 'ops',
			everyone: true,
			size: 25
		});
		expect(parseAudienceQuery(new URLSearchParams('level=admin&size=7&after=%00&everyone=yes&q=ng'))).toEqual(
			{
				...defaultAudienceQuery,
				q: 'ng'
			}
		);
	});

	it('writes the state back without its defaults, so it reads the same', () => {
		const query = { ...defaultAudienceQuery, q: 'ada', level: 'Can edit' as const, everyone: true };
		expect(audienceSearch(query)).toBe('q=ada&level=edit&everyone=1');
		expect(parseAudienceQuery(new URLSearchParams(audienceSearch(query)))).toEqual(query);
		expect(audienceSearch(defaultAudienceQuery)).toBe('');
	});
});
