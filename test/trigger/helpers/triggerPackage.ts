import { loadPackageNodes } from '../../harness/engine';
import type { LoadedPackage } from '../../harness/engine';
import { createClockedPackage, removeSourcePackage } from '../../harness/sourcePackage';

/** The package from the working tree's sources with the clocked nodes (harness/sourcePackage.ts), loaded by n8n-core. */
export async function loadTriggerPackage(): Promise<LoadedPackage> {
	return await loadPackageNodes(createClockedPackage());
}

/** Removes the links and the manifest (never what the links point to), then the folder. */
export function disposeTriggerPackage(loaded: LoadedPackage): void {
	removeSourcePackage(loaded.directory);
}

/**
 * The package as another n8n process loads it: its modules evaluated afresh, so nothing a module
 * keeps in memory (the trigger's in-process claims) is shared with the other loads. n8n-core and
 * n8n-workflow are fresh in it too, as they are in another process.
 */
export async function loadTriggerPackageInNewProcess(): Promise<LoadedPackage> {
	let loaded: LoadedPackage | undefined;
	await jest.isolateModulesAsync(async () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const engine = require('../../harness/engine') as typeof import('../../harness/engine');
		loaded = await engine.loadPackageNodes(createClockedPackage());
	});
	if (loaded === undefined) throw new Error('The package did not load');
	return loaded;
}
