import { startSandbox } from '../../sandbox/server';
import type { Sandbox, SandboxOptions } from '../../sandbox/server';

export interface SandboxPerFileOptions extends SandboxOptions {
	/**
	 * What happens before each test: back to the fixture (default), only the request log emptied, or
	 * nothing (the file resets where it needs to).
	 */
	between?: 'reset' | 'clearLog' | 'nothing';
	/** How the sandbox is started; default `startSandbox` with these options. */
	start?: () => Promise<Sandbox>;
}

/**
 * One sandbox for a test file: started before its first test, closed after its last, and reset (or
 * its request log emptied) before each test. Call it at the file's top level; the object it returns
 * stands for the running sandbox, so tests write `sandbox.url` as with their own variable.
 */
export function sandboxPerFile(options: SandboxPerFileOptions = {}): Sandbox {
	const { between = 'reset', start, ...sandboxOptions } = options;
	let running: Sandbox | undefined;
	const current = (): Sandbox => {
		if (running === undefined)
			throw new Error('The sandbox starts in beforeAll: use it inside a test or a hook.');
		return running;
	};
	beforeAll(async () => {
		running = await (start ?? (() => startSandbox(sandboxOptions)))();
	});
	afterAll(async () => {
		await running?.close();
		running = undefined;
	});
	beforeEach(() => {
		if (between === 'reset') current().reset();
		else if (between === 'clearLog') current().clearLog();
	});
	return new Proxy({} as Sandbox, {
		get(_target, property) {
			const value: unknown = Reflect.get(current(), property);
			return typeof value === 'function' ? value.bind(current()) : value;
		},
		has: (_target, property) => Reflect.has(current(), property),
		ownKeys: () => Reflect.ownKeys(current()),
		getOwnPropertyDescriptor: (_target, property) => {
			const descriptor = Reflect.getOwnPropertyDescriptor(current(), property);
			return descriptor && { ...descriptor, configurable: true };
		},
	});
}
