import { readdirSync, readFileSync } from 'node:fs';
import { join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * Every server entry point of the route tree, read from the route files at test time so a new
 * load, action or endpoint is called by the tests that walk the tree without anyone listing it:
 * the exported `load` of each +page.server.ts and +layout.server.ts, each name in its `actions`,
 * and each HTTP method a +server.ts exports. The files are parsed (TypeScript's own parser), not
 * imported: importing them would start the app's server modules inside the test process.
 */

export const routesDir = fileURLToPath(new URL('../../src/routes', import.meta.url));

const httpMethods = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS', 'fallback'] as const;
export type HttpMethod = Exclude<(typeof httpMethods)[number], 'fallback'>;

export type RouteHandler =
	| { kind: 'page load'; key: string; path: string; dataUrl: DataUrl }
	| { kind: 'layout load'; key: string; path: string; dataUrl: DataUrl }
	| { kind: 'action'; key: string; path: string; action: string }
	| { kind: 'endpoint'; key: string; path: string; method: HttpMethod };

/**
 * The request that runs one load alone: SvelteKit's `__data.json` for a page below it, with
 * `x-sveltekit-invalidated` asking for this node only (a layout's door cannot hide a page's).
 */
type DataUrl = { pagePath: string; invalidated: string };

/** A route directory relative to src/routes, `(app)/people/[id]`, as a URL template: `/people/[id]`. */
function pathOf(dir: string): string {
	const segments = dir.split(sep).filter((segment) => segment && !/^\(.*\)$/.test(segment));
	return `/${segments.join('/')}`;
}

function filesIn(dir: string): string[] {
	return readdirSync(join(routesDir, dir), { withFileTypes: true })
		.filter((entry) => entry.isFile())
		.map((entry) => entry.name);
}

function routeDirs(dir = ''): string[] {
	const children = readdirSync(join(routesDir, dir), { withFileTypes: true })
		.filter((entry) => entry.isDirectory())
		.map((entry) => join(dir, entry.name))
		.sort();
	return [dir, ...children.flatMap((child) => routeDirs(child))];
}

const isPage = (name: string) => /^\+page(\.server)?\.(svelte|ts|js)$/.test(name);

/**
 * The directories from the root down to `dir` that give a page a data node: SvelteKit counts one
 * per directory with a layout or an error page (create_manifest_data), then the page itself.
 */
function nodeDirs(dir: string): string[] {
	const parts = dir ? dir.split(sep) : [];
	const chain = parts.map((_, i) => parts.slice(0, i + 1).join(sep));
	return ['', ...chain].filter((ancestor) =>
		filesIn(ancestor).some((name) => /^\+(layout|error)(\.server)?\.(svelte|ts|js)$/.test(name))
	);
}

function dataUrlOf(pageDir: string, nodeDir: string | null): DataUrl {
	const layouts = nodeDirs(pageDir);
	const bits = [...layouts, null].map((node) => (node === nodeDir ? '1' : '0'));
	return { pagePath: pathOf(pageDir), invalidated: bits.join('') };
}

/** The first page at or below `dir` (a layout's load runs only for a page under it). */
function pageBelow(dir: string): string {
	const page = routeDirs(dir).find((candidate) => filesIn(candidate).some(isPage));
	if (page === undefined) throw new Error(`No page under ${dir} runs its layout's load`);
	return page;
}

/** The names a module exports: `export const x`, `export function x`, `export { y as x }`. */
function exportsOf(source: ts.SourceFile): Map<string, ts.Node> {
	const exported = new Map<string, ts.Node>();
	const isExported = (node: ts.Node) =>
		ts.canHaveModifiers(node) &&
		(ts.getModifiers(node) ?? []).some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword);
	for (const statement of source.statements) {
		if (ts.isVariableStatement(statement) && isExported(statement)) {
			for (const declaration of statement.declarationList.declarations) {
				if (ts.isIdentifier(declaration.name)) exported.set(declaration.name.text, declaration);
			}
		} else if (ts.isFunctionDeclaration(statement) && statement.name && isExported(statement)) {
			exported.set(statement.name.text, statement);
		} else if (ts.isExportDeclaration(statement) && statement.exportClause) {
			if (ts.isNamedExports(statement.exportClause)) {
				for (const element of statement.exportClause.elements) exported.set(element.name.text, element);
			}
		}
	}
	return exported;
}

/** The property names of `export const actions = { … }` (with or without `satisfies Actions`). */
function actionNames(file: string, declaration: ts.Node): string[] {
	let value = ts.isVariableDeclaration(declaration) ? declaration.initializer : undefined;
	while (
		value &&
		(ts.isSatisfiesExpression(value) || ts.isAsExpression(value) || ts.isParenthesizedExpression(value))
	) {
		value = value.expression;
	}
	if (!value || !ts.isObjectLiteralExpression(value)) {
		throw new Error(`${file}: write \`actions\` as an object literal so the tests can find every action`);
	}
	return value.properties.map((property) => {
		if (property.name && (ts.isIdentifier(property.name) || ts.isStringLiteral(property.name))) {
			return property.name.text;
		}
		throw new Error(`${file}: every action needs a plain name, not ${property.getText()}`);
	});
}

function handlersIn(dir: string, name: string): RouteHandler[] {
	const file = join(dir, name);
	const text = readFileSync(join(routesDir, file), 'utf8');
	const exported = exportsOf(ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true));
	const path = pathOf(dir);
	if (name.startsWith('+server.')) {
		if (exported.has('fallback')) throw new Error(`${file}: name each method instead of a fallback`);
		return httpMethods
			.filter((method): method is HttpMethod => method !== 'fallback' && exported.has(method))
			.map((method) => ({ kind: 'endpoint', key: `${method} ${path}`, path, method }));
	}
	const handlers: RouteHandler[] = [];
	if (exported.has('load')) {
		handlers.push(
			name.startsWith('+layout.')
				? {
						kind: 'layout load',
						key: `layout /${dir.split(sep).join('/')}`,
						path,
						dataUrl: dataUrlOf(pageBelow(dir), dir)
					}
				: { kind: 'page load', key: `load ${path}`, path, dataUrl: dataUrlOf(dir, null) }
		);
	}
	const actions = exported.get('actions');
	for (const action of actions ? actionNames(file, actions) : []) {
		const key = action === 'default' ? `action ${path}` : `action ${path} ?/${action}`;
		handlers.push({ kind: 'action', key, path, action });
	}
	return handlers;
}

/** Every handler of the route tree, in a stable order. */
export function routeTree(): RouteHandler[] {
	return routeDirs().flatMap((dir) =>
		filesIn(dir)
			.filter((name) => /^\+(page\.server|layout\.server|server)\.(ts|js)$/.test(name))
			.sort()
			.flatMap((name) => handlersIn(dir, name))
	);
}

/** The template with each parameter replaced (encoded) by `fill(name)`. */
export function fillPath(path: string, fill: (param: string) => string): string {
	return path.replace(/\[(\w+)(?:=\w+)?\]/g, (_, param: string) => encodeURIComponent(fill(param)));
}

/**
 * What to request to call `handler`: the page's data request for a load, `path?/name` for an
 * action (a default action posts to the page itself), the path for an endpoint.
 */
export function requestOf(
	handler: RouteHandler,
	fill: (param: string) => string
): { method: HttpMethod; url: string } {
	switch (handler.kind) {
		case 'page load':
		case 'layout load': {
			const page = fillPath(handler.dataUrl.pagePath, fill).replace(/\/$/, '');
			return {
				method: 'GET',
				url: `${page}/__data.json?x-sveltekit-invalidated=${handler.dataUrl.invalidated}`
			};
		}
		case 'action': {
			const page = fillPath(handler.path, fill);
			return { method: 'POST', url: handler.action === 'default' ? page : `${page}?/${handler.action}` };
		}
		case 'endpoint':
			return { method: handler.method, url: fillPath(handler.path, fill) };
	}
}
