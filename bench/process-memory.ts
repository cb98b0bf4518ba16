import { readFileSync } from 'node:fs';

/**
 * A process's resident set size in MiB: the kernel's VmRSS line of /proc/<pid>/status (Linux only),
 * which counts every page of the process in RAM, V8's heap and everything outside it alike.
 */
export function processRssMiB(pid: number): number {
	const status = readFileSync(`/proc/${pid}/status`, 'utf8');
	const kib = Number(/^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1]);
	if (!Number.isFinite(kib)) throw new Error(`no VmRSS in /proc/${pid}/status`);
	return kib / 1024;
}
