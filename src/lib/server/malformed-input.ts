import { error, type Handle } from '@sveltejs/kit';

/** Liveblocks' limit for room and user ids, and longer than any id Gatehouse makes. */
const maxPathIdLength = 128;

const nul = '\u0000';

/**
 * The one field that takes an upload: the people import's CSV file. Superforms keeps a file sent
 * in any other field and then cannot send the form back to the browser (a 500).
 */
const uploadField = 'file';

/**
 * The bodies SvelteKit hands to form actions (its is_form_content_type). A browser form can send
 * text/plain, which no Request.formData() reads: an action would fail with a 500.
 */
const formBody = /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\s*(;|$)/i;

/**
 * Input no page or endpoint can use, refused before any of them runs, so it cannot end as a 500
 * deep inside (PostgreSQL, superforms, Auth.js):
 * - a NUL anywhere in the address (a search box, a filter, a cursor, an id): PostgreSQL text
 *   cannot hold it, so no query may receive one;
 * - an id in the path longer than any id can be: nothing has it (and Liveblocks refuses it);
 * - a form body that does not parse as the form it claims to be (a text/plain one never does; no
 *   Gatehouse page or endpoint reads text/plain);
 * - a file in a field that takes text;
 * - `__superform_json`: superforms would take typed data from it (arrays where text belongs,
 *   Maps, Dates) in place of the fields, and no Gatehouse form sends it (none uses
 *   `dataType: 'json'`; one that ever does must validate the payload here instead).
 * Form fields with a NUL are left to the forms' schemas (text() in $lib/schemas), which say so
 * next to the field.
 */
export const refuseMalformedInput: Handle = async ({ event, resolve }) => {
	const { url, params, request } = event;
	const inQuery = [...url.searchParams].some(([key, value]) => key.includes(nul) || value.includes(nul));
	if (/%00/i.test(url.pathname) || inQuery) {
		error(400, 'The address contains a NUL character, which nothing in Gatehouse can hold. Remove it.');
	}
	// Every path parameter is an id but the rest of an address no page matches ([...path]).
	const ids = Object.entries(params).filter(([name]) => !event.route.id?.includes(`[...${name}]`));
	if (ids.some(([, value]) => value.length > maxPathIdLength)) {
		error(404, `Nothing here has that id: ids have at most ${maxPathIdLength} characters.`);
	}
	if (request.method !== 'GET' && request.method !== 'HEAD') {
		if (formBody.test(request.headers.get('content-type') ?? '')) await checkForm(request);
	}
	return resolve(event);
};

async function checkForm(request: Request): Promise<void> {
	let form: FormData;
	try {
		form = await request.clone().formData();
	} catch (problem) {
		// Over the body size limit: the page itself says how large an upload may be.
		if ((problem as { status?: unknown } | null)?.status === 413) return;
		error(400, 'The form data could not be read. Reload the page and send the form again.');
	}
	if ([...form].some(([name, value]) => typeof value !== 'string' && name !== uploadField)) {
		error(400, 'A field that takes text was sent a file. Reload the page and send the form again.');
	}
	if (form.has('__superform_json')) {
		error(
			400,
			'Forms here send their fields one by one, not as __superform_json. Reload the page and send the form again.'
		);
	}
}
