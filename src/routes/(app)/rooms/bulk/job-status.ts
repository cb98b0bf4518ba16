import type { JobProgress } from '$lib/server/rooms/bulk/read';

/** A job's state in words, as the list and the job page show it. */
export function jobStatusText(job: JobProgress): string {
	switch (job.status) {
		case 'queued':
			return 'Waiting to start';
		case 'running':
			return job.interrupted ? 'Interrupted: another instance takes it over shortly' : 'Running';
		case 'cancelled':
			return 'Cancelled';
		case 'finished':
			return job.counts.failed > 0 ? `Finished, ${job.counts.failed} failed` : 'Finished';
	}
}

export const percentDone = (job: JobProgress) =>
	job.total === 0 ? 100 : Math.floor((job.done / job.total) * 100);
