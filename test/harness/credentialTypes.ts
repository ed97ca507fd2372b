import { NodeHelpers, type ICredentialType, type INodeProperties } from 'n8n-workflow';

import { OAuth2ApiCredentialType } from './oAuth2ApiType';
import type { LoadedPackage } from './packageLoader';

const OAUTH_TOKEN_DATA_PROPERTY: INodeProperties = {
	displayName: 'oauthTokenData',
	name: 'oauthTokenData',
	type: 'json',
	required: false,
	default: {},
};

/** The package's credential types plus n8n's built-in `oAuth2Api` parent, with n8n's lookups over them. */
export class CredentialTypeRegistry {
	private readonly types = new Map<string, ICredentialType>();

	private readonly extendsByType = new Map<string, string[]>();

	private readonly supportedNodesByType = new Map<string, string[]>();

	constructor(loaded: LoadedPackage) {
		const builtIn = new OAuth2ApiCredentialType();
		this.types.set(builtIn.name, builtIn);
		for (const [name, type] of loaded.credentialTypes) {
			this.types.set(name, type);
		}
		for (const [name, details] of loaded.knownCredentials) {
			this.extendsByType.set(name, details.extends ?? []);
			this.supportedNodesByType.set(name, details.supportedNodes ?? []);
		}
	}

	getByName(name: string): ICredentialType {
		const type = this.types.get(name);
		if (type === undefined) {
			throw new Error(`Unknown credential type "${name}"`);
		}
		return type;
	}

	/** Same walk as n8n's `CredentialTypes.getParentTypes`: direct parents first, then theirs. */
	getParentTypes(name: string): string[] {
		const parents = [...(this.extendsByType.get(name) ?? [])];
		for (const parent of parents) {
			parents.push(...this.getParentTypes(parent));
		}
		return parents;
	}

	getSupportedNodes(name: string): string[] {
		return this.supportedNodesByType.get(name) ?? [];
	}

	/**
	 * Fields of `data` the credential type does not declare. n8n silently drops those, so a test
	 * passing `serviceKey` where the type says `accessToken` would send an empty token.
	 */
	undeclaredFields(name: string, data: Record<string, unknown>): string[] {
		const declared = new Set([
			...this.getProperties(name).map(({ name: field }) => field),
			'oauthTokenData',
		]);
		return Object.keys(data).filter((field) => !declared.has(field));
	}

	/** Same merge as n8n's `CredentialsHelper.getCredentialsProperties` (parents first, `doNotInherit` skipped). */
	getProperties(name: string): INodeProperties[] {
		const type = this.getByName(name);
		if (type.extends === undefined) {
			return name === 'oAuth2Api'
				? [...type.properties, OAUTH_TOKEN_DATA_PROPERTY]
				: type.properties;
		}
		const merged: INodeProperties[] = [];
		for (const parent of type.extends) {
			NodeHelpers.mergeNodeProperties(merged, this.getProperties(parent));
		}
		NodeHelpers.mergeNodeProperties(merged, type.properties);
		return merged;
	}
}
