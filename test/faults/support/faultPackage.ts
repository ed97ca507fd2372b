import { mkdirSync, mkdtempSync, rmdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const REPOSITORY = path.resolve(__dirname, '../../..');
export const PACKAGE_NAME = 'n8n-nodes-hubspot-scheduling';

/**
 * A package directory n8n-core's loader accepts, holding the real credentials and icons and the
 * clocked HubSpot Scheduling node (the published node plus the test's client options). Sources are
 * linked, not copied, so the suite always runs the code in the working tree without a build.
 */
export function createFaultPackage(): string {
	const directory = mkdtempSync(path.join(tmpdir(), 'hubspot-fault-package-'));
	symlinkSync(path.join(REPOSITORY, 'credentials'), path.join(directory, 'credentials'), 'dir');
	symlinkSync(path.join(REPOSITORY, 'icons'), path.join(directory, 'icons'), 'dir');
	mkdirSync(path.join(directory, 'nodes'));
	symlinkSync(
		path.join(__dirname, 'clockedNode'),
		path.join(directory, 'nodes', 'HubSpotScheduling'),
		'dir',
	);
	const manifest = {
		name: PACKAGE_NAME,
		version: '0.0.0-fault-tests',
		private: true,
		n8n: {
			n8nNodesApiVersion: 1,
			credentials: [
				'credentials/HubSpotSchedulingOAuth2Api.credentials.ts',
				'credentials/HubSpotSchedulingServiceKeyApi.credentials.ts',
			],
			nodes: ['nodes/HubSpotScheduling/HubSpotScheduling.node.ts'],
		},
	};
	writeFileSync(path.join(directory, 'package.json'), JSON.stringify(manifest, null, 2));
	return directory;
}

/** Removes the links and the manifest, never what the links point to. */
export function removeFaultPackage(directory: string): void {
	for (const link of ['credentials', 'icons', 'nodes/HubSpotScheduling', 'package.json']) {
		unlinkSync(path.join(directory, link));
	}
	rmdirSync(path.join(directory, 'nodes'));
	rmdirSync(directory);
}
