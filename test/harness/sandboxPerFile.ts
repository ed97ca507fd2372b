import { startSandbox } from '../../sandbox/server';
import type { Sandbox, SandboxOptions } from '../../sandbox/server';

export interface SandboxPerFileOptions extends SandboxOptions {
	/** What happens between tests: back to the fixture (default), or only the request log emptied. */
	between?: 'reset' | 'clearLog';
}

/**
 * One sandbox for a test file: started before its first test, closed after its last, and reset (or
 * its request log emptied) before each test. Call it at the file's top level; the object it returns
 * stands for the running sandbox, so tests write `sandbox.url` as with their own variable.
 */
export function sandboxPerFile(options: SandboxPerFileOptions = {}): Sandbox {
	const { between = 'reset', ...sandboxOptions } = options;
	let running: Sandbox | undefined;
	const current = (): Sandbox => {
		if (running === undefined)
			throw new Error('The sandbox starts in beforeAll: use it inside a test or a hook.');
		return running;
	};
	beforeAll(async () => {
		running = await startSandbox(sandboxOptions);
	});
	afterAll(async () => {
		await running?.close();
		running = undefined;
	});
	beforeEach(() => {
		if (between === 'reset') current().reset();
		else current().clearLog();
	});
	return new Proxy({} as Sandbox, {
		get(_target, property) {
			const value: unknown = Reflect.get(current(), property);
			return typeof value === 'function' ? value.bind(current()) : value;
		},
	});
}
