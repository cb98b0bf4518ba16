/**
 * Tear-down steps, run last-registered first (the app stops before the database it uses). Every
 * step runs even when an earlier one fails, and running again after a run does nothing, so the
 * normal end and a Ctrl-C can both call run().
 */
export class CleanupStack {
	readonly #steps: (() => Promise<void>)[] = [];

	defer(step: () => Promise<void>): void {
		this.#steps.push(step);
	}

	async run(): Promise<void> {
		const failures: unknown[] = [];
		for (let step = this.#steps.pop(); step; step = this.#steps.pop()) {
			await step().catch((error: unknown) => failures.push(error));
		}
		if (failures.length > 0)
			throw new AggregateError(failures, 'Clean-up failed: something may still be running');
	}
}
