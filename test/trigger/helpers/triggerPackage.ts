import { mkdtempSync, rmdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { loadPackageNodes } from '../../harness/engine';
import type { LoadedPackage } from '../../harness/engine';

const REPOSITORY = path.resolve(__dirname, '../../..');
const LINKED_FOLDERS = ['nodes', 'credentials', 'icons'];

/**
 * The trigger nodes and credentials as a package n8n-core's loader accepts (icons must lie inside
 * the package directory): a temporary folder linking to the real sources, with a package.json that
 * lists them. package.json itself is left to the package's release setup.
 */
export async function loadTriggerPackage(): Promise<LoadedPackage> {
	const directory = mkdtempSync(path.join(tmpdir(), 'hubspot-trigger-package-'));
	for (const folder of LINKED_FOLDERS) {
		symlinkSync(path.join(REPOSITORY, folder), path.join(directory, folder), 'dir');
	}
	const manifest = {
		name: 'n8n-nodes-hubspot-scheduling',
		version: '0.0.0-trigger-tests',
		private: true,
		n8n: {
			n8nNodesApiVersion: 1,
			credentials: [
				'credentials/HubSpotSchedulingOAuth2Api.credentials.ts',
				'credentials/HubSpotSchedulingServiceKeyApi.credentials.ts',
				'credentials/HubSpotSchedulingWebhookSecretApi.credentials.ts',
				'credentials/HubSpotSchedulingDeveloperApi.credentials.ts',
			],
			nodes: [
				'nodes/HubSpotSchedulingTrigger/HubSpotSchedulingTrigger.node.ts',
				'nodes/HubSpotSchedulingPollingTrigger/HubSpotSchedulingPollingTrigger.node.ts',
			],
		},
	};
	writeFileSync(path.join(directory, 'package.json'), JSON.stringify(manifest, null, 2));
	return await loadPackageNodes(directory);
}

/** Removes the links and the manifest (never what the links point to), then the folder. */
export function disposeTriggerPackage(loaded: LoadedPackage): void {
	for (const entry of [...LINKED_FOLDERS, 'package.json'])
		unlinkSync(path.join(loaded.directory, entry));
	rmdirSync(loaded.directory);
}
