import { LazyPackageDirectoryLoader } from 'n8n-core';
import {
	injectDomainRestrictionFields,
	type CredentialLoadingDetails,
	type ICredentialType,
	type INodeType,
	type IVersionedNodeType,
} from 'n8n-workflow';

import { prepareEngineRuntime } from './runtime';

/** What n8n knows about one community package after loading it. */
export interface LoadedPackage {
	packageName: string;
	directory: string;
	/** Keyed by the full type n8n uses in workflows, e.g. `n8n-nodes-hubspot-scheduling.hubSpotScheduling`. */
	nodeTypes: Map<string, INodeType | IVersionedNodeType>;
	/** Keyed by credential type name, e.g. `hubSpotSchedulingOAuth2Api`. */
	credentialTypes: Map<string, ICredentialType>;
	/** n8n's "known credentials": `extends` and the full types of the nodes that use each credential. */
	knownCredentials: Map<string, CredentialLoadingDetails>;
}

/**
 * Loads a package directory the way n8n 2.41 loads an installed community package:
 * `LazyPackageDirectoryLoader` (which falls back to reading `package.json` `n8n.nodes` /
 * `n8n.credentials` when there is no `dist/known` index), full types prefixed with the package
 * name, and the domain-restriction fields n8n injects into every credential type.
 */
export async function loadPackageNodes(packageDir: string): Promise<LoadedPackage> {
	await prepareEngineRuntime();
	const loader = new LazyPackageDirectoryLoader(packageDir);
	await loader.loadAll();
	const { packageName } = loader;

	const nodeTypes = new Map<string, INodeType | IVersionedNodeType>();
	for (const shortName of Object.keys(loader.known.nodes)) {
		nodeTypes.set(`${packageName}.${shortName}`, loader.getNode(shortName).type);
	}

	const credentialTypes = new Map<string, ICredentialType>();
	const knownCredentials = new Map<string, CredentialLoadingDetails>();
	for (const [name, details] of Object.entries(loader.known.credentials)) {
		const credentialType = loader.getCredential(name).type;
		credentialType.properties = injectDomainRestrictionFields(credentialType);
		credentialTypes.set(name, credentialType);
		knownCredentials.set(name, {
			...details,
			supportedNodes: details.supportedNodes?.map((node) => `${packageName}.${node}`),
		});
	}

	return { packageName, directory: loader.directory, nodeTypes, credentialTypes, knownCredentials };
}
