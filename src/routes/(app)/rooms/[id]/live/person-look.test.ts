import { describe, expect, it } from 'vitest';
import { byName, colorOf, cursorIn, initialsOf, personView, textColorOn } from './person-look';

describe('colorOf', () => {
	it("uses the person's own colour when their profile has one", () => {
		expect(colorOf('mia', '#c026d3')).toBe('#c026d3');
	});

	it('gives a person without a colour the same fallback every time, whoever asks', () => {
		expect(colorOf('person-1', undefined)).toBe(colorOf('person-1', undefined));
		expect(colorOf('person-1', undefined)).toMatch(/^#[0-9a-f]{6}$/);
	});

	it('spreads people without a colour over several fallbacks', () => {
		const colors = new Set(Array.from({ length: 40 }, (_, i) => colorOf(`person-${i}`, undefined)));
		expect(colors.size).toBeGreaterThan(4);
	});
});

describe('textColorOn', () => {
	it('writes white on dark colours and black on light ones', () => {
		expect(textColorOn('#1d4ed8')).toBe('#ffffff');
		expect(textColorOn('#000000')).toBe('#ffffff');
		expect(textColorOn('#facc15')).toBe('#000000');
		expect(textColorOn('#FFFFFF')).toBe('#000000');
	});

	it('every fallback colour reads with white text', () => {
		for (let i = 0; i < 40; i++) expect(textColorOn(colorOf(`person-${i}`, undefined))).toBe('#ffffff');
	});
});

describe('initialsOf', () => {
	it('takes the first letters of the first and last names', () => {
		expect(initialsOf('Wendy Writer')).toBe('WW');
		expect(initialsOf('  ana maria  de souza ')).toBe('AS');
	});

	it('takes one letter from a single name and a placeholder from none', () => {
		expect(initialsOf('mia')).toBe('M');
		expect(initialsOf('   ')).toBe('?');
	});

	it('keeps a letter outside the basic plane whole', () => {
		expect(initialsOf('𝒜da Lovelace')).toBe('𝒜L');
	});
});

describe('cursorIn', () => {
	const area = { left: 100, top: 50, width: 400, height: 200 };

	it('gives the position as fractions of the area, so two window sizes agree', () => {
		expect(cursorIn(area, 300, 150)).toEqual({ x: 0.5, y: 0.5 });
		expect(cursorIn(area, 100, 50)).toEqual({ x: 0, y: 0 });
		expect(cursorIn(area, 500, 250)).toEqual({ x: 1, y: 1 });
		expect(cursorIn({ left: 0, top: 0, width: 800, height: 400 }, 400, 200)).toEqual({ x: 0.5, y: 0.5 });
	});

	it('rounds to three decimals', () => {
		expect(cursorIn(area, 101, 51)).toEqual({ x: 0.003, y: 0.005 });
	});

	it('is null outside the area or for an area with no size', () => {
		expect(cursorIn(area, 99, 150)).toBeNull();
		expect(cursorIn(area, 300, 251)).toBeNull();
		expect(cursorIn({ ...area, width: 0 }, 100, 50)).toBeNull();
	});
});

describe('personView', () => {
	const user = {
		connectionId: 7,
		id: 'person-1',
		info: { name: 'Rita Reader' },
		canWrite: false,
		presence: { cursor: { x: 0.25, y: 0.75 } }
	};

	it('draws a person from userInfo: name, initials, their colour, avatar and cursor', () => {
		expect(
			personView({
				...user,
				info: { name: 'Rita Reader', avatar: 'https://example.com/r.png', color: '#facc15' }
			})
		).toEqual({
			connectionId: 7,
			id: 'person-1',
			name: 'Rita Reader',
			avatar: 'https://example.com/r.png',
			initials: 'RR',
			color: '#facc15',
			textColor: '#000000',
			isReadOnly: true,
			cursor: { x: 0.25, y: 0.75 }
		});
	});

	it('falls back to initials, a colour from the id and no cursor', () => {
		const view = personView({ ...user, presence: {} });
		expect(view).toMatchObject({ avatar: null, color: colorOf('person-1', undefined), cursor: null });
	});
});

describe('byName', () => {
	it('sorts names naturally, ignoring case, and the same name by connection', () => {
		const people = [
			{ name: 'ann 10', connectionId: 1 },
			{ name: 'Ann 2', connectionId: 2 },
			{ name: 'Bob', connectionId: 4 },
			{ name: 'Bob', connectionId: 3 }
		].map((p) => personView({ ...p, id: p.name, info: { name: p.name }, canWrite: true, presence: {} }));
		expect(people.sort(byName).map((p) => `${p.name}#${p.connectionId}`)).toEqual([
			'Ann 2#2',
			'ann 10#1',
			'Bob#3',
			'Bob#4'
		]);
	});
});
