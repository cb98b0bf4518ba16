// Prints one closing line for all stages of `npm test`, from the JSON reports of vitest and
// Playwright: "N passed, N failed, N skipped". A stage with no report counts as one failure.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const totals = { passed: 0, failed: 0, skipped: 0 };
for (const stage of ['unit', 'integration', 'e2e']) {
	const file = join(dir, `${stage}.json`);
	if (!existsSync(file)) {
		console.log(`${stage}: no report (the stage did not run to the end)`);
		totals.failed += 1;
		continue;
	}
	const report = JSON.parse(readFileSync(file, 'utf8'));
	const counts =
		stage === 'e2e'
			? {
					passed: report.stats.expected + report.stats.flaky,
					failed: report.stats.unexpected,
					skipped: report.stats.skipped
				}
			: {
					passed: report.numPassedTests,
					failed: report.numFailedTests,
					skipped: report.numPendingTests + report.numTodoTests
				};
	console.log(`${stage}: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
	for (const key of Object.keys(totals)) totals[key] += counts[key];
}
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`);
