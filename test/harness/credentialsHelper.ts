import {
	getCredentialOwnRequestAllowedDomains,
	ICredentials,
	ICredentialsHelper,
	isExpression,
	UnexpectedError,
	UserError,
	type CredentialInformation,
	type ICredentialDataDecryptedObject,
	type ICredentialsEncrypted,
	type ICredentialsExpressionResolveValues,
	type IExecuteData,
	type IHttpRequestHelper,
	type IHttpRequestOptions,
	type INode,
	type INodeCredentialsDetails,
	type INodeProperties,
	type IRequestOptionsSimplified,
	type IRequestOptionsSimplifiedAuth,
	type IWorkflowExecuteAdditionalData,
	type Workflow,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { applyDefaultsAndResolve } from './credentialResolution';
import type { CredentialStore } from './credentialStore';
import type { CredentialTypeRegistry } from './credentialTypes';

/** Plain-data stand-in for n8n-core's encrypted `Credentials` (the harness keeps no ciphertext). */
class StoredCredentials extends ICredentials {
	constructor(
		details: INodeCredentialsDetails,
		type: string,
		private readonly store: CredentialStore,
	) {
		super(details, type);
	}

	async getData(): Promise<ICredentialDataDecryptedObject> {
		return this.store.read(this.type);
	}

	getDataToSave(): ICredentialsEncrypted {
		return {
			id: this.id,
			name: this.name,
			type: this.type,
			data: JSON.stringify(this.store.read(this.type)),
		};
	}

	async setData(data: ICredentialDataDecryptedObject): Promise<void> {
		this.store.write(this.type, data);
	}

	async updateData(
		toUpdate: ICredentialDataDecryptedObject,
		toDelete: string[] = [],
	): Promise<void> {
		const data = { ...this.store.read(this.type), ...toUpdate };
		for (const key of toDelete) delete data[key];
		this.store.write(this.type, data);
	}
}

/**
 * The credentials helper n8n-core talks to during a run. Method bodies follow n8n 2.41.1's
 * `CredentialsHelper` (`dist/credentials-helper.js`) with the database swapped for the in-memory
 * store, so declarative `authenticate`, `preAuthentication`, parent-type detection (the switch to
 * `requestOAuth2`) and token persistence behave as they do in n8n.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	constructor(
		private readonly credentialTypes: CredentialTypeRegistry,
		private readonly store: CredentialStore,
	) {
		super();
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	isCredentialUsableByNode(credentialType: string, nodeType: string): boolean {
		const type = this.credentialTypes.getByName(credentialType);
		if (!type.restrictToSupportedNodes) return true;
		return this.credentialTypes.getSupportedNodes(credentialType).includes(nodeType);
	}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.credentialTypes.getProperties(type);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const options = requestOptions as IHttpRequestOptions;
		const { authenticate } = this.credentialTypes.getByName(typeName);
		if (authenticate === undefined) return options;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		if (!workflow || !node) {
			throw new UnexpectedError(
				'Workflow and node are required for declarative credential authentication',
			);
		}
		options.headers ??= {};
		if (authenticate.type === 'generic') {
			const resolve = (value: unknown) => resolveAuthValue(value, credentials, workflow, node);
			applyGenericProperties(options, authenticate.properties, resolve);
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirable = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirable === undefined || typeof credentialType.preAuthentication !== 'function')
			return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;

		const output = await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		if (output[expirable.name] === undefined) return undefined;
		const nodeCredentials = node.credentials?.[credentialType.name];
		if (nodeCredentials === undefined) return undefined;

		const stored = this.store.read(typeName);
		const toPersist = { ...stored };
		for (const [key, value] of Object.entries(output)) {
			if (key === expirable.name || !isExpression(stored[key]))
				toPersist[key] = value as CredentialInformation;
		}
		await this.updateCredentials(nodeCredentials, typeName, toPersist);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const output = await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		return (output as ICredentialDataDecryptedObject | undefined) ?? undefined;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		this.assertKnown(nodeCredentials, type);
		return new StoredCredentials(nodeCredentials, type, this.store);
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		this.assertKnown(nodeCredentials, type);
		const stored = this.store.read(type);
		if (raw === true) return stored;
		return await applyDefaultsAndResolve({
			stored,
			properties: this.credentialTypes.getProperties(type),
			additionalData,
			mode,
			executeData,
			expressionResolveValues,
		});
	}

	async updateCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.assertKnown(nodeCredentials, type);
		this.store.write(type, data);
	}

	/** Only `oauthTokenData` is written back, as in n8n: the rest of `data` holds resolved defaults that must not be persisted. */
	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.assertKnown(nodeCredentials, type);
		this.store.write(type, { ...this.store.read(type), oauthTokenData: data.oauthTokenData });
	}

	/** The harness stores one credential per type, so the id only has to be present (n8n rejects credentials without one). */
	private assertKnown(nodeCredentials: INodeCredentialsDetails, type: string): void {
		if (!nodeCredentials.id) {
			throw new UserError(`Credential "${nodeCredentials.name}" of type "${type}" has no id`);
		}
		if (!this.store.has(type)) {
			throw new UserError(
				`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`,
			);
		}
	}
}

/** n8n's `resolveValue`: expressions get `$credentials`; falsy results become ''. */
function resolveAuthValue(
	value: unknown,
	credentials: ICredentialDataDecryptedObject,
	workflow: Workflow,
	node: INode,
): unknown {
	if (typeof value !== 'string' || !isExpression(value)) return value;
	const resolved = workflow.expression.getSimpleParameterValue(
		node,
		value,
		'internal',
		{ $credentials: credentials },
		undefined,
		'',
	);
	return resolved ? resolved.toString() : '';
}

/** Writes each `headers` / `qs` / `body` / `auth` entry of a generic `authenticate` into the request. */
function applyGenericProperties(
	options: IHttpRequestOptions,
	properties: IRequestOptionsSimplifiedAuth,
	resolve: (value: unknown) => unknown,
): void {
	const target = options as unknown as Record<string, Record<string, unknown> | undefined>;
	for (const [section, entries] of Object.entries(properties)) {
		if (typeof entries !== 'object' || entries === null) continue;
		const destination = (target[section] ??= {});
		for (const [key, value] of Object.entries(entries as Record<string, unknown>)) {
			destination[String(resolve(key))] = resolve(value);
		}
	}
}

/** n8n's `restrictToCredentialDomains`: a credential's own pre-auth requests honour its domain allow-list. */
function restrictToCredentialDomains(
	helpers: IHttpRequestHelper,
	credentials: ICredentialDataDecryptedObject,
): IHttpRequestHelper {
	return {
		helpers: {
			httpRequest: async (requestOptions: IHttpRequestOptions) => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) return await helpers.helpers.httpRequest(requestOptions);
				if (requestOptions.allowedDomains !== undefined) {
					throw new UserError(
						'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
					);
				}
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	};
}
