import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	CsvSyntaxError,
	defuseFormulaCell,
	parseCsv,
	restoreFormulaCell,
	serializeCsv,
	serializeCsvField
} from './csv';

describe('parseCsv', () => {
	it('reads plain records', () => {
		expect(parseCsv('email,name\na@example.com,Ada\n')).toEqual([
			['email', 'name'],
			['a@example.com', 'Ada']
		]);
	});

	it('reads CRLF, LF and lone CR line ends alike', () => {
		expect(parseCsv('a,b\r\nc,d\ne,f\rg,h')).toEqual([
			['a', 'b'],
			['c', 'd'],
			['e', 'f'],
			['g', 'h']
		]);
	});

	it('adds no record for a newline at the very end, with or without it', () => {
		expect(parseCsv('a\r\n')).toEqual([['a']]);
		expect(parseCsv('a')).toEqual([['a']]);
		expect(parseCsv('')).toEqual([]);
	});

	it('keeps a blank line as a record with one empty field', () => {
		expect(parseCsv('a\n\nb\n')).toEqual([['a'], [''], ['b']]);
	});

	it('keeps empty fields, including a trailing one', () => {
		expect(parseCsv(',a,,\n')).toEqual([['', 'a', '', '']]);
	});

	it('skips a byte-order mark', () => {
		expect(parseCsv('\uFEFFemail\nx\n')).toEqual([['email'], ['x']]);
	});

	it('reads commas, newlines and doubled quotes inside quoted fields', () => {
		expect(parseCsv('"Doe, Jane","line 1\r\nline 2","say ""hi""",""\n')).toEqual([
			['Doe, Jane', 'line 1\r\nline 2', 'say "hi"', '']
		]);
	});

	it('keeps a quote inside an unquoted field as typed', () => {
		expect(parseCsv('Dwayne "The Rock" Johnson,x')).toEqual([['Dwayne "The Rock" Johnson', 'x']]);
	});

	it('refuses an unclosed quoted field, naming the line it starts on', () => {
		const attempt = () => parseCsv('a\n"b,\nc\n');
		expect(attempt).toThrow(CsvSyntaxError);
		expect(attempt).toThrow('Line 2: a quoted field is never closed');
	});

	it('refuses text after a closing quote, naming its line', () => {
		expect(() => parseCsv('a\n"multi\nline"x,y')).toThrow('Line 3: text after a closing quote');
	});
});

describe('serializeCsv', () => {
	it('quotes only fields that need it and ends every record with CRLF', () => {
		expect(serializeCsv([['a', 'b c', 'd,e', 'say "hi"', 'x\ny', '']])).toBe(
			'a,b c,"d,e","say ""hi""","x\ny",\r\n'
		);
	});

	it('writes nothing for no records', () => {
		expect(serializeCsv([])).toBe('');
	});

	it('quotes a carriage return', () => {
		expect(serializeCsvField('a\rb')).toBe('"a\rb"');
	});
});

/** Fields made mostly of the characters CSV treats specially, so quoting is exercised often. */
const field = fc
	.array(fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r', '\r\n', '=', "'", 'é', '😀', '\t', '\uFEFF'), {
		maxLength: 6
	})
	.map((parts) => parts.join(''));
const anyField = fc.oneof(field, fc.string({ unit: 'grapheme' }));
const records = fc
	.array(fc.array(anyField, { minLength: 1, maxLength: 5 }), { maxLength: 5 })
	// A BOM opening the very first field would be read as the file's byte-order mark.
	.filter((rows) => !rows[0]?.[0]?.startsWith('\uFEFF'));

describe('properties', () => {
	it('parseCsv reads back exactly what serializeCsv wrote', () => {
		fc.assert(
			fc.property(records, (rows) => {
				expect(parseCsv(serializeCsv(rows))).toEqual(rows);
			}),
			{ numRuns: 2000 }
		);
	});

	it('restoreFormulaCell undoes defuseFormulaCell', () => {
		fc.assert(
			fc.property(anyField, (cell) => {
				expect(restoreFormulaCell(defuseFormulaCell(cell))).toBe(cell);
			})
		);
	});

	it('a defused cell never starts a formula', () => {
		fc.assert(
			fc.property(anyField, (cell) => {
				expect(defuseFormulaCell(cell)).not.toMatch(/^[=+\-@\t\r]/);
			})
		);
	});
});

describe('formula cells', () => {
	it.each(['=1+1', '+44 20', '-3', '@SUM(A1)', '\t=x', '\r=x'])('defuses %j with a single quote', (cell) => {
		expect(defuseFormulaCell(cell)).toBe(`'${cell}`);
	});

	it('leaves ordinary cells alone', () => {
		for (const cell of ['Ada', 'a@example.com', 'https://x', '#1d4ed8', '', "O'Brien", "'quoted"]) {
			expect(defuseFormulaCell(cell)).toBe(cell);
		}
	});

	it('adds one more quote to a cell that already looks defused, so restoring is exact', () => {
		expect(defuseFormulaCell("'=x")).toBe("''=x");
		for (const cell of ['=x', "'=x", "''-1", 'plain', "'plain", '', "'"]) {
			expect(restoreFormulaCell(defuseFormulaCell(cell))).toBe(cell);
		}
	});
});
