import { once } from 'node:events';
import WebSocket from 'ws';

export interface InspectorSession {
	/** Calls an inspector protocol method and resolves with its result. */
	send(method: string, params?: Record<string, unknown>): Promise<unknown>;
	close(): void;
}

/** Attaches to the inspector of a Node process started with `--inspect=127.0.0.1:<port>`. */
export async function connectInspector(inspectorPort: number): Promise<InspectorSession> {
	const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json/list`)).json()) as {
		webSocketDebuggerUrl: string;
	}[];
	const target = targets[0];
	if (!target) throw new Error(`no inspector target on port ${inspectorPort}`);
	const socket = new WebSocket(target.webSocketDebuggerUrl);
	await once(socket, 'open');

	const pending = new Map<number, { resolve(result: unknown): void; reject(error: Error): void }>();
	socket.on('message', (data) => {
		const message = JSON.parse(String(data)) as {
			id?: number;
			result?: unknown;
			error?: { message: string };
		};
		const call = message.id === undefined ? undefined : pending.get(message.id);
		if (!call) return;
		pending.delete(message.id!);
		if (message.error) call.reject(new Error(`inspector: ${message.error.message}`));
		else call.resolve(message.result);
	});
	let nextId = 1;
	const send = (method: string, params?: Record<string, unknown>) =>
		new Promise<unknown>((resolve, reject) => {
			const id = nextId++;
			pending.set(id, { resolve, reject });
			socket.send(JSON.stringify({ id, method, params }));
		});
	return { send, close: () => socket.close() };
}
