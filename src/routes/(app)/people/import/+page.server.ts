import { fail } from '@sveltejs/kit';
import { staffRoles } from '$lib/roles';
import { requirePerson } from '$lib/server/authorization';
import { db } from '$lib/server/db';
import { applyImport, importLimits, planImport, type ImportTotals } from '$lib/server/people/import';
import type { Actions, PageServerLoad } from './$types';

// Support may open the page and run the dry run, which writes nothing; only admins apply.
export const load: PageServerLoad = async (event) => {
	const person = await requirePerson(event, staffRoles);
	return { mayApply: person.role === 'admin', limits: importLimits };
};

/** The uploaded file if one was chosen, else the pasted text; null when the body was too large. */
async function submittedCsv(request: Request): Promise<{ csv: string; form: FormData } | null> {
	let form: FormData;
	try {
		form = await request.formData();
	} catch {
		// The server's body limit (adapter-node BODY_SIZE_LIMIT) stopped the upload part-way.
		return null;
	}
	const file = form.get('file');
	const csv = file instanceof File && file.size > 0 ? await file.text() : String(form.get('csv') ?? '');
	return { csv, form };
}

const tooLarge = () =>
	fail(413, {
		csv: '',
		problem: `That upload is larger than the server accepts. An import takes at most ${importLimits.bytes / 1_000_000} MB; split the file.`
	});

export const actions: Actions = {
	preview: async (event) => {
		const person = await requirePerson(event, staffRoles);
		const submitted = await submittedCsv(event.request);
		if (!submitted) return tooLarge();
		const { csv } = submitted;
		if (csv.trim() === '') return fail(400, { csv, problem: 'Choose a CSV file or paste CSV text first.' });
		return { csv, plan: await planImport(db, csv, { actorId: person.id }) };
	},

	apply: async (event) => {
		const person = await requirePerson(event, ['admin']);
		const submitted = await submittedCsv(event.request);
		if (!submitted) return tooLarge();
		const { csv, form } = submitted;
		const confirmed: ImportTotals = {
			create: Number(form.get('create')),
			update: Number(form.get('update')),
			unchanged: Number(form.get('unchanged')),
			errors: 0
		};
		const result = await applyImport(db, person.id, csv, { confirmed });
		if (!result.applied) {
			const problem =
				result.reason === 'changed'
					? 'People changed since your preview, so nothing was imported. Check the new preview and apply again.'
					: 'Nothing was imported: fix the errors below and preview again.';
			return fail(result.reason === 'changed' ? 409 : 400, { csv, plan: result.plan, problem });
		}
		return { csv: '', imported: { totals: result.plan.totals, people: result.people } };
	}
};
