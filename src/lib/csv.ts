/**
 * CSV as RFC 4180 describes it, plus what real files bring: a byte-order mark, LF or CR line
 * ends, and no newline after the last record. Pure, so the import, the export and tests share it.
 */

export class CsvSyntaxError extends Error {
	constructor(
		message: string,
		/** 1-based line of the text where the problem is. */
		readonly line: number
	) {
		super(`Line ${line}: ${message}`);
	}
}

/**
 * Reads records of fields. Quoted fields may hold commas, newlines and doubled quotes; a quote
 * inside an unquoted field is kept as typed, since hand-written files do that and mean it.
 * A blank line is a record with one empty field; a newline at the very end adds no record.
 */
export function parseCsv(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let field = '';
	let line = 1;
	let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
	let atRecordStart = true;

	const endRecord = () => {
		record.push(field);
		records.push(record);
		record = [];
		field = '';
		atRecordStart = true;
	};

	while (i < text.length) {
		const char = text[i]!;
		atRecordStart = false;
		if (char === '"' && field === '') {
			const startLine = line;
			i++;
			for (;;) {
				if (i >= text.length) throw new CsvSyntaxError('a quoted field is never closed', startLine);
				const inner = text[i]!;
				if (inner === '"') {
					if (text[i + 1] === '"') {
						field += '"';
						i += 2;
						continue;
					}
					i++;
					break;
				}
				if (inner === '\n' || (inner === '\r' && text[i + 1] !== '\n')) line++;
				field += inner;
				i++;
			}
			const next = text[i];
			if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
				throw new CsvSyntaxError('text after a closing quote; double a quote inside a quoted field', line);
			}
			continue;
		}
		if (char === ',') {
			record.push(field);
			field = '';
			i++;
			continue;
		}
		if (char === '\r' || char === '\n') {
			i += char === '\r' && text[i + 1] === '\n' ? 2 : 1;
			line++;
			endRecord();
			continue;
		}
		field += char;
		i++;
	}
	if (!atRecordStart) endRecord();
	return records;
}

const needsQuotes = /[",\r\n]/;

/** One field, quoted only when it has to be. */
export function serializeCsvField(value: string): string {
	return needsQuotes.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record with its CRLF line end, as RFC 4180 asks. */
export function serializeCsvRecord(fields: readonly string[]): string {
	return fields.map(serializeCsvField).join(',') + '\r\n';
}

/** Records to CSV text; `parseCsv` reads it back to the same records (each has at least one field). */
export function serializeCsv(records: readonly (readonly string[])[]): string {
	return records.map(serializeCsvRecord).join('');
}

/*
 * Spreadsheets run a cell that starts with = + - @ (or a tab or CR before one) as a formula, so an
 * exported name like `=HYPERLINK(...)` could act on the reader's machine. OWASP's advice is to
 * prefix such cells with a single quote. Cells already starting with quotes before such a
 * character get one more, so `restoreFormulaCell` can undo exactly what `defuseFormulaCell` did and
 * an export imports back unchanged.
 */
const formulaStart = /^'*[=+\-@\t\r]/;
const defusedFormulaStart = /^'+[=+\-@\t\r]/;

export function defuseFormulaCell(value: string): string {
	return formulaStart.test(value) ? `'${value}` : value;
}

export function restoreFormulaCell(value: string): string {
	return defusedFormulaStart.test(value) ? value.slice(1) : value;
}
