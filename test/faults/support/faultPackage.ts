import { createClockedPackage, removeSourcePackage } from '../../harness/sourcePackage';

export const PACKAGE_NAME = 'n8n-nodes-hubspot-scheduling';

/**
 * The source package (see harness/sourcePackage.ts) with the clocked nodes: the published nodes
 * plus the test's client options. Sources are linked, so the suite always runs the working tree
 * without a build.
 */
export function createFaultPackage(): string {
	return createClockedPackage();
}

/** Removes the links and the manifest, never what the links point to. */
export function removeFaultPackage(directory: string): void {
	removeSourcePackage(directory);
}
