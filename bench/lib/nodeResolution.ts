import Module from 'node:module';

/**
 * The engine harness (test/harness/runtime.ts) imports "n8n-workflow/dist/cjs/expression-sandboxing"
 * without an extension. Jest's resolver adds one; Node's exports map ("./*": "./*") does not, so
 * under plain Node that import fails. Until the harness names the file with ".js", this adds the
 * extension for n8n-workflow's dist paths, and only for those.
 */
type Resolve = (request: string, ...rest: unknown[]) => string;
const loader = Module as unknown as { _resolveFilename: Resolve };
const resolve = loader._resolveFilename;
loader._resolveFilename = function (request: string, ...rest: unknown[]): string {
	const fixed = /^n8n-workflow\/dist\/.+(?<!\.js)$/.test(request) ? `${request}.js` : request;
	return resolve.call(this, fixed, ...rest);
};
