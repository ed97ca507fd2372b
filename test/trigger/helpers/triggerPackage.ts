import { loadPackageNodes } from '../../harness/engine';
import type { LoadedPackage } from '../../harness/engine';
import { createSourcePackage, removeSourcePackage } from '../../harness/sourcePackage';

/** The package from the working tree's sources (harness/sourcePackage.ts), loaded by n8n-core. */
export async function loadTriggerPackage(): Promise<LoadedPackage> {
	return await loadPackageNodes(createSourcePackage());
}

/** Removes the links and the manifest (never what the links point to), then the folder. */
export function disposeTriggerPackage(loaded: LoadedPackage): void {
	removeSourcePackage(loaded.directory);
}
