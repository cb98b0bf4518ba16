import { describe, expect, it } from 'vitest';
import { tokenRequestOf } from './token-request';

describe('tokenRequestOf', () => {
	it('reads the room @liveblocks/client posts', () => {
		expect(tokenRequestOf('{"room":"design-review"}')).toEqual({ roomId: 'design-review' });
		expect(tokenRequestOf(JSON.stringify({ room: 'x'.repeat(128) }))).toEqual({ roomId: 'x'.repeat(128) });
	});

	it('asks for no room when the body names none or is no JSON object', () => {
		for (const body of ['', '{}', '{"room":null}', 'null', '[]', '"room"', 'room=a', '{"room":', '42']) {
			expect(tokenRequestOf(body), body).toEqual({ roomId: undefined });
		}
	});

	it('refuses a room that cannot be a room id', () => {
		for (const room of [42, true, ['a'], { id: 'a' }]) {
			expect(tokenRequestOf(JSON.stringify({ room })), JSON.stringify(room)).toEqual({
				problem: 'The room must be a room id, as text.'
			});
		}
		for (const room of ['', 'x'.repeat(129), 'a\u0000b']) {
			expect(tokenRequestOf(JSON.stringify({ room }))).toEqual({
				problem: 'A room id has 1 to 128 characters and no NUL character.'
			});
		}
	});
});
