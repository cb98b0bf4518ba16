import { changeText } from './audit-changes';
import type { AuditLogEntry, AuditSubject } from './audit-entry';
import { defuseFormulaCell } from './csv';

/** The audit log's CSV columns: readable first, then the event exactly as recorded. */
export const auditCsvColumns = [
	'time',
	'action',
	'description',
	'actorId',
	'actor',
	'targetType',
	'targetId',
	'target',
	'relatedType',
	'relatedId',
	'changes',
	'before',
	'after'
] as const;

const name = (subject: AuditSubject | null) => (subject ? subject.name : '');

/**
 * One event's cells in `auditCsvColumns` order, each defused so a spreadsheet runs none as a
 * formula: names, metadata and ids are typed by people and may start with = + - @.
 */
export function auditCsvRecord(entry: AuditLogEntry): string[] {
	const cells: Record<(typeof auditCsvColumns)[number], string> = {
		time: entry.createdAt.toISOString(),
		action: entry.action,
		description: entry.actionLabel,
		actorId: entry.actor?.id ?? '',
		actor: entry.actor ? name(entry.actor) : 'System',
		targetType: entry.target.type,
		targetId: entry.target.id,
		target: name(entry.target),
		relatedType: entry.related?.type ?? '',
		relatedId: entry.related?.id ?? '',
		changes: entry.changes.map(changeText).join('\n'),
		before: entry.before === null || entry.before === undefined ? '' : JSON.stringify(entry.before),
		after: entry.after === null || entry.after === undefined ? '' : JSON.stringify(entry.after)
	};
	return auditCsvColumns.map((column) => defuseFormulaCell(cells[column]));
}
