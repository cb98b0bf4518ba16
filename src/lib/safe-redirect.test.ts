import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { safeRedirectPath } from './safe-redirect';

/** Where the app runs in these tests; node's URL parser is the WHATWG one browsers use. */
const site = 'https://gatehouse.example';
const followed = (location: string) => new URL(location, `${site}/signin?redirectTo=x`);

/** Pieces attackers combine: separators browsers normalise, encodings, schemes, hosts. */
const hostilePiece = fc.constantFrom(
	'/',
	'//',
	'\\',
	'\t',
	'\n',
	'\r',
	'\u0000',
	'\u001f',
	'\u007f',
	' ',
	'.',
	'..',
	'%2e',
	'%2E%2e',
	'%2f',
	'%5c',
	'%09',
	'%0a',
	'%00',
	'evil.example',
	'@',
	':',
	'?',
	'#',
	'https:',
	'javascript:alert(1)',
	'data:',
	'é',
	'\u3002',
	'\uFF0F'
);
const hostileTarget = fc
	.tuple(fc.constantFrom('', '/'), fc.array(fc.oneof(hostilePiece, fc.string()), { maxLength: 12 }))
	.map(([start, pieces]) => start + pieces.join(''));
const anyTarget = fc.oneof(hostileTarget, fc.string({ unit: 'binary' }), fc.webUrl(), fc.webPath());

describe('safeRedirectPath', () => {
	it('keeps paths on this site', () => {
		expect(safeRedirectPath('/rooms/handbook/live?x=1')).toBe('/rooms/handbook/live?x=1');
		expect(safeRedirectPath('/audit?target=room:a&from=2026-12-01#top')).toBe(
			'/audit?target=room:a&from=2026-12-01#top'
		);
	});

	it('keeps any plain path, query and fragment exactly', () => {
		const segment = fc.stringMatching(/^[A-Za-z0-9_~-]{1,12}$/);
		const path = fc
			.tuple(
				fc.array(segment, { maxLength: 5 }),
				fc.option(fc.stringMatching(/^[A-Za-z0-9=&_-]{1,20}$/)),
				fc.option(fc.stringMatching(/^[A-Za-z0-9_-]{1,10}$/))
			)
			.map(
				([segments, query, hash]) =>
					`/${segments.join('/')}${query === null ? '' : `?${query}`}${hash === null ? '' : `#${hash}`}`
			);
		fc.assert(fc.property(path, (target) => safeRedirectPath(target) === target));
	});

	it.each([
		null,
		undefined,
		'',
		'rooms',
		'https://evil.example',
		'//evil.example',
		'/\\evil.example',
		'\\/evil.example',
		'/\t/evil.example/x',
		'/\n/evil.example',
		'/\r\n/evil.example',
		'\t//evil.example',
		'/\u0000/evil.example',
		'/.//evil.example',
		'/%2e//evil.example',
		'/%2E%2E//evil.example',
		'/x/..//evil.example',
		'javascript:alert(1)',
		' //evil.example',
		`/${'a'.repeat(3000)}`
	])('sends %j to the start page', (target) => {
		expect(safeRedirectPath(target)).toBe('/');
	});

	it('refuses the redirect of the issue as the sign-in page receives it', () => {
		// `?redirectTo=/%09/evil.example/x`: the query decodes %09 to a tab, which browsers drop.
		const target = new URLSearchParams('redirectTo=/%09/evil.example/x').get('redirectTo');
		expect(target).toBe('/\t/evil.example/x');
		expect(safeRedirectPath(target)).toBe('/');
	});

	it('keeps encoded separators as the literal path they are', () => {
		for (const target of ['/%09/evil.example/x', '/%2F%2Fevil.example', '/%5Cevil.example']) {
			expect(safeRedirectPath(target)).toBe(target);
			expect(followed(target).origin).toBe(site);
		}
	});

	it('gives a header-safe, encoded path for text a Location header cannot carry as is', () => {
		expect(safeRedirectPath('/people?q=Zoë €')).toBe('/people?q=Zo%C3%AB%20%E2%82%AC');
		expect(safeRedirectPath('/rooms/a b')).toBe('/rooms/a%20b');
	});

	it('never leaves the site, whatever the input, and never throws', () => {
		fc.assert(
			fc.property(anyTarget, (target) => {
				const result = safeRedirectPath(target);
				if (result === '/') return;
				expect(result).toMatch(/^\/(?![/\\])/);
				// Printable ASCII only: control characters and the rest are percent-encoded.
				expect([...result].every((char) => char > ' ' && char < '\u007f')).toBe(true);
				expect(followed(result).origin).toBe(site);
				expect(new URL(result, 'http://gatehouse.invalid').origin).toBe('http://gatehouse.invalid');
				// A second pass changes nothing: the result is already the normal form.
				expect(safeRedirectPath(result)).toBe(result);
			}),
			{ numRuns: 5000 }
		);
	});
});
