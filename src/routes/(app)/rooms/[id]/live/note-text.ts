/** Long enough for a sentence or two; the notes are a demo of shared storage, not a document. */
export const noteTextLimit = 280;

/** Why `text` cannot become a note, or null when it can. */
export function noteTextProblem(text: string): string | null {
	const trimmed = text.trim();
	if (!trimmed) return 'Write something first.';
	if ([...trimmed].length > noteTextLimit) return `Keep a note to ${noteTextLimit} characters.`;
	return null;
}

/** A note id nobody else will make, even over plain HTTP where `crypto.randomUUID` is missing. */
export function newNoteId(): string {
	const bytes = crypto.getRandomValues(new Uint8Array(12));
	return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
