import { fileURLToPath } from 'node:url';
import { connectInspector } from './inspector-session';
import { formatTable } from './table';

/** V8's CPU profile, as the inspector's Profiler.stop returns it (the .cpuprofile format). */
export interface CpuProfile {
	nodes: {
		id: number;
		callFrame: { functionName: string; url: string; lineNumber: number };
		children?: number[];
	}[];
	startTime: number;
	endTime: number;
	samples: number[];
}

export interface Profiler {
	start(): Promise<void>;
	stop(): Promise<CpuProfile>;
	close(): void;
}

const repoRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Attaches to the inspector of a Node process started with `--inspect=127.0.0.1:<port>`, so its CPU
 * profile covers exactly the load chosen, not start-up, seeding or sign-ins.
 */
export async function connectProfiler(inspectorPort: number): Promise<Profiler> {
	const { send, close } = await connectInspector(inspectorPort);
	return {
		start: async () => {
			await send('Profiler.enable');
			await send('Profiler.start');
		},
		stop: async () => ((await send('Profiler.stop')) as { profile: CpuProfile }).profile,
		close
	};
}

/**
 * Where the process spent its busy time (idle excluded): the `top` functions by self time, then by
 * package or file. Native code and node's own code have no package of their own, so the second
 * table counts their time to the nearest caller that has one (crypto for Auth.js, sockets for pg),
 * and the first names that caller beside them: a profile under load says what to make cheaper.
 */
export function describeProfile(profile: CpuProfile, top = 15): string {
	const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
	const parents = new Map<number, number>();
	for (const node of profile.nodes) for (const child of node.children ?? []) parents.set(child, node.id);
	const owner = (id: number): string | undefined => {
		for (let at: number | undefined = id; at !== undefined; at = parents.get(at)) {
			const place = placeOf(frames.get(at)!);
			if (!unowned(place)) return place;
		}
		return undefined;
	};

	const sampleMs = (profile.endTime - profile.startTime) / 1000 / profile.samples.length;
	const byFunction = new Map<string, number>();
	const byOwner = new Map<string, number>();
	let busySamples = 0;
	for (const id of profile.samples) {
		const frame = frames.get(id)!;
		if (frame.functionName === '(idle)') continue;
		busySamples += 1;
		const place = placeOf(frame);
		const calledFrom = unowned(place) ? owner(id) : undefined;
		const name =
			`${frame.functionName || '(anonymous)'}  ${frame.url ? `${place}:${frame.lineNumber + 1}` : place}` +
			(calledFrom ? `  <- ${calledFrom}` : '');
		byFunction.set(name, (byFunction.get(name) ?? 0) + 1);
		const counted = calledFrom ?? place;
		byOwner.set(counted, (byOwner.get(counted) ?? 0) + 1);
	}
	const rows = (counts: Map<string, number>, limit: number) =>
		[...counts]
			.sort((a, b) => b[1] - a[1])
			.slice(0, limit)
			.map(([name, samples]) => [
				(samples * sampleMs).toFixed(0),
				`${((samples / busySamples) * 100).toFixed(1)}%`,
				name
			]);
	return [
		`busy ${(busySamples * sampleMs).toFixed(0)} ms of ${((profile.endTime - profile.startTime) / 1000).toFixed(0)} ms profiled`,
		'',
		formatTable([
			[
				'self ms',
				'of busy',
				`top ${top} functions by self time  (<- the nearest caller in a package or file)`
			],
			...rows(byFunction, top)
		]),
		'',
		formatTable([
			['self ms', 'of busy', 'by package or file (node core and native code counted to their caller)'],
			...rows(byOwner, 20)
		])
	].join('\n');
}

/** A package under node_modules, a file of the app's build, node's own code, or V8 itself. */
function placeOf({ functionName, url }: { functionName: string; url: string }): string {
	if (!url) return functionName.startsWith('(') ? functionName : 'native';
	if (url.startsWith('node:')) return 'node core';
	const path = url.replace(/^file:\/\//, '');
	const modules = path.lastIndexOf('/node_modules/');
	if (modules >= 0) {
		const [scope = '', name = ''] = path.slice(modules + '/node_modules/'.length).split('/');
		return scope.startsWith('@') ? `${scope}/${name}` : scope;
	}
	return path.startsWith(repoRoot) ? path.slice(repoRoot.length) : path;
}

/** Places that only run on someone else's behalf; the profile's root stands for the event loop. */
function unowned(place: string): boolean {
	return place === 'native' || place === 'node core' || place === '(root)';
}
