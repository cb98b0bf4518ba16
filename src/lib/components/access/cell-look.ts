// How a cell looks: set by its row, or inherited from the rules before it. The grid's legend shows
// the same classes, so it reads exactly like the cells it explains.
export const cellLook = {
	set: 'preset-tonal-primary border-2 border-transparent font-semibold',
	inherited: 'border-surface-500 border-2 border-dashed bg-transparent italic text-surface-800-200'
} as const;
