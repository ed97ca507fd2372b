import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { repositoryRoot } from '../lib/repository';

interface N8nInstall {
	ensureN8n(options?: { log?: (message: string) => void }): string;
}

/**
 * n8n's own HubSpot and IF nodes (n8n-nodes-base 2.41.1, from the project's cached n8n install,
 * installed on first use) as a package n8n-core's loader accepts: a temporary folder named like
 * n8n-nodes-base that links only these two nodes and the service-key credential, so the loader
 * does not load the other 500 nodes.
 */
export function createBuiltInPackage(log: (message: string) => void): string {
	const { ensureN8n } = require(
		path.join(repositoryRoot(), 'scripts/lib/n8nInstall.js'),
	) as N8nInstall;
	const base = path.join(ensureN8n({ log }), 'node_modules', 'n8n-nodes-base', 'dist');
	const directory = mkdtempSync(path.join(tmpdir(), 'bench-n8n-nodes-base-'));
	mkdirSync(path.join(directory, 'nodes'));
	mkdirSync(path.join(directory, 'credentials'));
	symlinkSync(path.join(base, 'nodes', 'Hubspot'), path.join(directory, 'nodes', 'Hubspot'), 'dir');
	symlinkSync(path.join(base, 'nodes', 'If'), path.join(directory, 'nodes', 'If'), 'dir');
	symlinkSync(
		path.join(base, 'credentials', 'HubspotAppToken.credentials.js'),
		path.join(directory, 'credentials', 'HubspotAppToken.credentials.js'),
	);
	const manifest = {
		name: 'n8n-nodes-base',
		version: '2.41.1',
		private: true,
		n8n: {
			n8nNodesApiVersion: 1,
			credentials: ['credentials/HubspotAppToken.credentials.js'],
			nodes: ['nodes/Hubspot/Hubspot.node.js', 'nodes/If/If.node.js'],
		},
	};
	writeFileSync(path.join(directory, 'package.json'), JSON.stringify(manifest, null, 2));
	return directory;
}

/** Removes the temporary folder; rmSync does not follow the links into n8n's install. */
export function removeBuiltInPackage(directory: string): void {
	rmSync(directory, { recursive: true, force: true });
}
