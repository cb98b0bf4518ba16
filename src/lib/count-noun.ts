/** "1 person", "2 people", "1,200 members": a count with its noun in the right number. */
export function countNoun(count: number, one: string, many = `${one}s`): string {
	return `${count.toLocaleString('en')} ${count === 1 ? one : many}`;
}
