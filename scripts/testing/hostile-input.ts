import fc from 'fast-check';

/** Every field some Gatehouse form reads, and `room`, which the ID-token endpoint reads from JSON. */
export const formFieldNames = [
	'name',
	'email',
	'description',
	'id',
	'organizationId',
	'metadataKeys',
	'metadataValues',
	'copyFrom',
	'message',
	'reason',
	'current',
	'password',
	'confirm',
	'emails',
	'personIds',
	'personEmails',
	'ids',
	'group',
	'groupId',
	'q',
	'org',
	'rooms',
	'digest',
	'operation',
	'avatarUrl',
	'color',
	'role',
	'status',
	'scope',
	'mode',
	'kind',
	'level',
	'scopes',
	'confirmed',
	'regrant',
	'removeEntries',
	'loaded',
	'edited',
	'csv',
	'file',
	'create',
	'update',
	'unchanged',
	'providerId',
	'redirectTo',
	'room'
] as const;

/** Every query parameter some page or endpoint reads. */
const queryKeys = [
	'q',
	'after',
	'before',
	'sort',
	'org',
	'level',
	'status',
	'find',
	'person',
	'room',
	'why',
	'roomsAfter',
	'roomsBefore',
	'redirectTo',
	'ticked',
	'from',
	'to',
	'actor',
	'target',
	'targetType',
	'action',
	'role',
	'group',
	'error',
	'deleted',
	'decided',
	'created'
] as const;

const idOf = (length: number) => 'x'.repeat(length);

/** Text nobody should type: control and invisible characters, markup, formulas, SQL, numbers' edges. */
const nasty = fc.constantFrom(
	'\u0000',
	'a\u0000b',
	'\uFEFF',
	'\u202Eevil',
	'\uD800',
	'𝕏🏳️‍🌈',
	'Zoë',
	'\r\n',
	'../../etc/passwd',
	'<script>alert(1)</script>',
	'=HYPERLINK("https://evil.example")',
	`'; DROP TABLE "Person"; --`,
	'%00',
	'null',
	'undefined',
	'true',
	'-1',
	'1e309',
	'NaN',
	'9999-12-31',
	'[]',
	'{}',
	'__proto__',
	'*:write',
	'on'
);

/**
 * One hostile value for a form field or a query parameter, at most `longest` characters long
 * (more than any field takes). Kept under the server's own limits on purpose: an address over
 * Node's 16 KB of headers or a body over BODY_SIZE_LIMIT is refused by Node before the app sees it.
 */
export const hostileText = (realIds: readonly string[], longest: number): fc.Arbitrary<string> =>
	fc.oneof(
		nasty,
		fc.string({ unit: 'grapheme', maxLength: 40 }),
		fc.string({ unit: 'binary', maxLength: 40 }),
		fc.json({ maxDepth: 2 }),
		fc.constantFrom(idOf(128), idOf(129), idOf(500)),
		fc.integer({ min: 200, max: longest }).map((length) => 'é'.repeat(length)),
		fc.constantFrom(...realIds)
	);

const fieldName = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom(...formFieldNames) },
	{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) },
	{
		weight: 1,
		arbitrary: fc.constantFrom('__proto__', 'constructor', 'personIds[0]', 'a.b', '__superform_id')
	}
);

export type HostileBody = {
	/** Names may repeat: a list where one value is expected. */
	fields: [string, string][];
	encoding: 'urlencoded' | 'multipart' | 'multipart with files' | 'json' | 'text';
};

export const hostileBody = (realIds: readonly string[]): fc.Arbitrary<HostileBody> =>
	fc.record({
		fields: fc.array(fc.tuple(fieldName, hostileText(realIds, 5_000)), { maxLength: 10 }),
		encoding: fc.constantFrom('urlencoded', 'multipart', 'multipart with files', 'json', 'text')
	});

/** The body and its Content-Type (none for FormData: fetch adds the boundary). */
export function encodeBody({ fields, encoding }: HostileBody): { body: BodyInit; contentType?: string } {
	switch (encoding) {
		case 'urlencoded':
			return { body: new URLSearchParams(fields) };
		case 'multipart':
		case 'multipart with files': {
			const form = new FormData();
			fields.forEach(([name, value], i) => {
				// Every other value as a file where text is expected.
				if (encoding === 'multipart with files' && i % 2 === 0) form.append(name, new Blob([value]), 'x.csv');
				else form.append(name, value);
			});
			return { body: form };
		}
		case 'json':
			return { body: JSON.stringify(Object.fromEntries(fields)), contentType: 'application/json' };
		case 'text':
			return {
				body: fields.map(([name, value]) => `${name}=${value}`).join('\n'),
				contentType: 'text/plain'
			};
	}
}

const queryKey = fc.oneof(
	{ weight: 4, arbitrary: fc.constantFrom(...queryKeys) },
	{ weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 20 }) }
);

/** A query string of hostile parameters, encoded. */
export const hostileQuery = (realIds: readonly string[]): fc.Arbitrary<string> =>
	fc
		.array(fc.tuple(queryKey, hostileText(realIds, 300)), { maxLength: 4 })
		.map((params) => new URLSearchParams(params).toString());

/** A path id: a real one, or one of 128, 129 or 500 characters, unicode, JSON. */
export const hostileId = (realId: string): fc.Arbitrary<string> =>
	fc.oneof(
		fc.constant(realId),
		fc.constantFrom(idOf(128), idOf(129), idOf(500)),
		fc.string({ unit: 'grapheme', minLength: 1, maxLength: 40 }).filter((id) => id !== '.' && id !== '..'),
		fc.json({ maxDepth: 1 }),
		// A lone surrogate cannot be put in an address at all.
		nasty.filter((id) => id !== '../../etc/passwd' && id !== '\uD800')
	);
