import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const REPOSITORY = path.resolve(__dirname, '../..');

interface PackageManifest {
	name: string;
	n8n: { n8nNodesApiVersion: number; credentials: string[]; nodes: string[] };
}

/** package.json's `dist/…/X.js` entries as the `…/X.ts` sources they are built from. */
function sourcePath(distPath: string): string {
	return distPath.replace(/^dist\//, '').replace(/\.js$/, '.ts');
}

function publishedManifest(): PackageManifest {
	return JSON.parse(readFileSync(path.join(REPOSITORY, 'package.json'), 'utf8')) as PackageManifest;
}

export interface SourcePackageOptions {
	/** Node folders (`HubSpotScheduling`) to take from elsewhere, e.g. a test's instrumented copy. */
	nodeFolders?: Record<string, string>;
}

/**
 * The package as n8n-core's loader sees it, made from the working tree's TypeScript sources: a
 * temporary folder linking `nodes/`, `credentials/` and `icons/` (icons must lie inside the package),
 * with a manifest listing package.json's nodes and credentials by their source paths. ts-jest
 * compiles what the loader requires, so an edit is tested without a build, and every engine suite
 * loads the same nodes and credentials the published package declares.
 */
export function createSourcePackage(options: SourcePackageOptions = {}): string {
	const directory = mkdtempSync(path.join(tmpdir(), 'hubspot-source-package-'));
	symlinkSync(path.join(REPOSITORY, 'credentials'), path.join(directory, 'credentials'), 'dir');
	symlinkSync(path.join(REPOSITORY, 'icons'), path.join(directory, 'icons'), 'dir');
	linkNodes(directory, options.nodeFolders ?? {});
	const published = publishedManifest();
	const manifest = {
		name: published.name,
		version: '0.0.0-source',
		private: true,
		n8n: {
			n8nNodesApiVersion: published.n8n.n8nNodesApiVersion,
			credentials: published.n8n.credentials.map(sourcePath),
			nodes: published.n8n.nodes.map(sourcePath),
		},
	};
	writeFileSync(path.join(directory, 'package.json'), JSON.stringify(manifest, null, 2));
	return directory;
}

/** Without replacements `nodes/` is one link; with them, each node folder is linked on its own. */
function linkNodes(directory: string, replacements: Record<string, string>): void {
	if (Object.keys(replacements).length === 0) {
		symlinkSync(path.join(REPOSITORY, 'nodes'), path.join(directory, 'nodes'), 'dir');
		return;
	}
	mkdirSync(path.join(directory, 'nodes'));
	for (const folder of [
		'HubSpotScheduling',
		'HubSpotSchedulingTrigger',
		'HubSpotSchedulingPollingTrigger',
		'shared',
	]) {
		const target = replacements[folder] ?? path.join(REPOSITORY, 'nodes', folder);
		symlinkSync(target, path.join(directory, 'nodes', folder), 'dir');
	}
}

/** Removes the links and the manifest (rm does not follow links), then the folder. */
export function removeSourcePackage(directory: string): void {
	rmSync(directory, { recursive: true, force: true });
}

let shared: string | undefined;

const CLOCKED_NODES = path.join(__dirname, 'clockedNodes');

/**
 * The nodes as engine tests run them: each published node, with the test's client options (its
 * clock, a request timeout) handed to its entry point; see clockedNodes/ and engineHooks.ts.
 */
export const CLOCKED_NODE_FOLDERS: Record<string, string> = {
	HubSpotScheduling: path.join(CLOCKED_NODES, 'HubSpotScheduling'),
	HubSpotSchedulingTrigger: path.join(CLOCKED_NODES, 'HubSpotSchedulingTrigger'),
	HubSpotSchedulingPollingTrigger: path.join(CLOCKED_NODES, 'HubSpotSchedulingPollingTrigger'),
};

/** The source package with the clocked nodes. */
export function createClockedPackage(): string {
	return createSourcePackage({ nodeFolders: CLOCKED_NODE_FOLDERS });
}

/** One clocked source package per jest worker; removed at exit. */
export function sharedSourcePackage(): string {
	if (shared === undefined) {
		const directory = createClockedPackage();
		shared = directory;
		process.once('exit', () => removeSourcePackage(directory));
	}
	return shared;
}
