import { countNoun } from '$lib/count-noun';
import type { ImportTotals } from '$lib/server/people/import';

/** "130 rows: 120 to create, 6 to change, 4 with errors": the counts a preview leads with. */
export function importSummary(totals: ImportTotals): string {
	const parts: [number, string][] = [
		[totals.create, 'to create'],
		[totals.update, 'to change'],
		[totals.unchanged, 'unchanged'],
		[totals.errors, 'with errors']
	];
	const rows = parts.reduce((sum, [count]) => sum + count, 0);
	if (rows === 0) return 'No rows to import.';
	const said = parts
		.filter(([count]) => count > 0)
		.map(([count, what]) => `${count.toLocaleString('en')} ${what}`);
	return `${countNoun(rows, 'row')}: ${said.join(', ')}.`;
}

/** The Apply button's words: what applying writes. */
export function applyLabel(totals: ImportTotals): string {
	return `Apply: create ${totals.create.toLocaleString('en')}, change ${totals.update.toLocaleString('en')}`;
}
