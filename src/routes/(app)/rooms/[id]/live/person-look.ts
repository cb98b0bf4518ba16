import { compareNames } from '$lib/natural-sort';
import type { Cursor } from './live-types';

/** Dark enough for white text (at least 4.5:1), for people whose profile sets no colour. */
const fallbackColors = [
	'#1d4ed8',
	'#a21caf',
	'#047857',
	'#b45309',
	'#b91c1c',
	'#0e7490',
	'#6d28d9',
	'#4d7c0f'
];

/** The person's own colour from userInfo, else one picked steadily from their id. */
export function colorOf(id: string, color: string | undefined): string {
	if (color) return color;
	let hash = 0;
	for (const char of id) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
	return fallbackColors[hash % fallbackColors.length]!;
}

/** Black or white, whichever reads better on `background` (a #rrggbb colour, as profiles store them). */
export function textColorOn(background: string): '#000000' | '#ffffff' {
	const match = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(background);
	if (!match) return '#ffffff';
	const [r, g, b] = match.slice(1).map((hex) => {
		const channel = parseInt(hex, 16) / 255;
		return channel <= 0.04045 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
	});
	const luminance = 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
	// Contrast with white is 1.05 / (L + 0.05), with black (L + 0.05) / 0.05; they are equal at L ≈ 0.179.
	return luminance > 0.179 ? '#000000' : '#ffffff';
}

/** Up to two initials for an avatar without a picture: "Wendy Writer" → "WW". */
export function initialsOf(name: string): string {
	const words = name.trim().split(/\s+/).filter(Boolean);
	if (words.length === 0) return '?';
	const letters = words.length === 1 ? [words[0]!] : [words[0]!, words[words.length - 1]!];
	return letters.map((word) => [...word][0]!.toUpperCase()).join('');
}

/** Where a pointer at (clientX, clientY) is within `area`, or null when it is outside. */
export function cursorIn(
	area: { left: number; top: number; width: number; height: number },
	clientX: number,
	clientY: number
): Cursor | null {
	if (area.width <= 0 || area.height <= 0) return null;
	const x = (clientX - area.left) / area.width;
	const y = (clientY - area.top) / area.height;
	if (x < 0 || x > 1 || y < 0 || y > 1) return null;
	// Three decimals are finer than any screen and keep presence messages small.
	return { x: Math.round(x * 1000) / 1000, y: Math.round(y * 1000) / 1000 };
}

/** One person in the room as the page draws them: in the list, and as a cursor. */
export type PersonView = {
	connectionId: number;
	id: string;
	name: string;
	avatar: string | null;
	initials: string;
	color: string;
	textColor: '#000000' | '#ffffff';
	isReadOnly: boolean;
	cursor: Cursor | null;
};

export function personView(user: {
	connectionId: number;
	id: string;
	info: { name: string; avatar?: string; color?: string };
	canWrite: boolean;
	presence: { cursor?: Cursor | null };
}): PersonView {
	const color = colorOf(user.id, user.info.color);
	return {
		connectionId: user.connectionId,
		id: user.id,
		name: user.info.name,
		avatar: user.info.avatar ?? null,
		initials: initialsOf(user.info.name),
		color,
		textColor: textColorOn(color),
		isReadOnly: !user.canWrite,
		cursor: user.presence.cursor ?? null
	};
}

/** People sorted by name as a person would sort them ("Ann 2" before "Ann 10"), then by connection. */
export function byName(a: PersonView, b: PersonView): number {
	return compareNames(a.name, b.name) || a.connectionId - b.connectionId;
}
