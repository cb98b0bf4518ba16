import { describe, expect, it } from 'vitest';
import { newNoteId, noteTextLimit, noteTextProblem } from './note-text';

describe('noteTextProblem', () => {
	it('accepts a sentence and a note of exactly the limit', () => {
		expect(noteTextProblem('Ship it on Friday')).toBeNull();
		expect(noteTextProblem('x'.repeat(noteTextLimit))).toBeNull();
	});

	it('refuses an empty or blank note', () => {
		expect(noteTextProblem('')).toBe('Write something first.');
		expect(noteTextProblem('  \n ')).toBe('Write something first.');
	});

	it('refuses a note over the limit, counting characters rather than UTF-16 units', () => {
		expect(noteTextProblem('x'.repeat(noteTextLimit + 1))).toBe('Keep a note to 280 characters.');
		expect(noteTextProblem('😀'.repeat(noteTextLimit))).toBeNull();
	});
});

describe('newNoteId', () => {
	it('makes different 24-character hex ids', () => {
		const ids = new Set(Array.from({ length: 100 }, newNoteId));
		expect(ids.size).toBe(100);
		for (const id of ids) expect(id).toMatch(/^[0-9a-f]{24}$/);
	});
});
