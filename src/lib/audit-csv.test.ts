import { describe, expect, it } from 'vitest';
import { auditCsvColumns, auditCsvRecord } from './audit-csv';
import type { AuditLogEntry } from './audit-entry';
import { parseCsv, restoreFormulaCell, serializeCsvRecord } from './csv';

const entry: AuditLogEntry = {
	id: '7',
	createdAt: new Date('2026-12-01T18:14:00Z'),
	action: 'person.updated',
	actionLabel: 'Person updated',
	actor: { type: 'person', id: 'c1', name: '=HYPERLINK("http://evil","click")', exists: true },
	target: { type: 'person', id: 'c2', name: '@SUM(A1)', exists: false },
	related: null,
	changes: [
		{ field: 'Name', before: '+1 555', after: '-x' },
		{ field: 'Role', before: 'member', after: 'support' }
	],
	before: { name: '+1 555', role: 'member' },
	after: { name: '-x', role: 'support' }
};

describe('auditCsvRecord', () => {
	it('defuses every cell a spreadsheet would run as a formula', () => {
		const record = Object.fromEntries(auditCsvColumns.map((column, i) => [column, auditCsvRecord(entry)[i]]));
		expect(record).toMatchObject({
			time: '2026-12-01T18:14:00.000Z',
			action: 'person.updated',
			actor: `'=HYPERLINK("http://evil","click")`,
			target: `'@SUM(A1)`,
			changes: 'Name: +1 555 → -x\nRole: member → support'
		});
		for (const cell of auditCsvRecord(entry)) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
	});

	it('names the system as the actor and keeps the raw before and after readable back', () => {
		const record = auditCsvRecord({ ...entry, actor: null });
		expect(record[auditCsvColumns.indexOf('actor')]).toBe('System');
		const [parsed] = parseCsv(serializeCsvRecord(record));
		expect(JSON.parse(restoreFormulaCell(parsed![auditCsvColumns.indexOf('after')]!))).toEqual(entry.after);
	});
});
