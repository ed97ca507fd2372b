import { getAdditionalKeys } from 'n8n-core';
import {
	NodeHelpers,
	UnexpectedError,
	Workflow,
	type ICredentialDataDecryptedObject,
	type ICredentialsExpressionResolveValues,
	type IExecuteData,
	type INode,
	type INodeParameters,
	type INodeProperties,
	type INodeType,
	type INodeTypes,
	type IWorkflowExecuteAdditionalData,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

/**
 * Hidden OAuth fields whose stored value n8n 2.41 throws away in favour of the credential
 * type's default (`OAUTH_PINNED_FIELDS` in n8n's `dist/oauth/dcr-managed-fields.js`). This is why
 * a hidden `accessTokenUrl` cannot be pointed at a sandbox by editing the stored credential.
 */
export const OAUTH_PINNED_FIELDS = [
	'useDynamicClientRegistration',
	'authUrl',
	'accessTokenUrl',
	'grantType',
	'authentication',
	'usePkce',
	'requestTokenUrl',
	'signatureMethod',
];

/** Credential data and node parameters are the same JSON at run time; n8n converts between them with casts too. */
function asParameters(data: ICredentialDataDecryptedObject): INodeParameters {
	return data as INodeParameters;
}

function asCredentialData(value: unknown): ICredentialDataDecryptedObject {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		throw new UnexpectedError('Credential data did not resolve to an object');
	}
	return value as ICredentialDataDecryptedObject;
}

const MOCK_NODE: INode = {
	id: 'mock',
	name: '',
	typeVersion: 1,
	type: 'mock',
	position: [0, 0],
	parameters: {},
};

const MOCK_NODE_TYPE: INodeType = {
	description: {
		displayName: 'Mock',
		name: 'mock',
		group: [],
		version: 1,
		description: '',
		defaults: {},
		inputs: [],
		outputs: [],
		properties: [],
	},
};

/** n8n's `createMockNodeTypes()`: just enough node types to evaluate credential expressions outside a run. */
const MOCK_NODE_TYPES: INodeTypes = {
	getKnownTypes: () => ({}),
	getByName: () => MOCK_NODE_TYPE,
	getByNameAndVersion: (nodeType: string) => {
		if (nodeType !== 'mock') throw new UnexpectedError(`Unknown node type "${nodeType}"`);
		return MOCK_NODE_TYPE;
	},
};

/**
 * Port of `applyDefaultsAndOverwrites` from n8n 2.41.1 `dist/credentials-helper.js` (no credential
 * overwrites or external secrets configured): pinned hidden fields reset to their defaults, defaults
 * filled in, `oauthTokenData` and domain allow-lists carried over, then every expression resolved
 * with `$self` bound to the credential data.
 */
export async function applyDefaultsAndResolve(args: {
	stored: ICredentialDataDecryptedObject;
	properties: INodeProperties[];
	additionalData: IWorkflowExecuteAdditionalData;
	mode: WorkflowExecuteMode;
	executeData?: IExecuteData;
	expressionResolveValues?: ICredentialsExpressionResolveValues;
}): Promise<ICredentialDataDecryptedObject> {
	const { stored, properties, additionalData, mode, executeData, expressionResolveValues } = args;
	const withoutPinned = { ...stored };
	for (const field of OAUTH_PINNED_FIELDS) {
		if (properties.some((property) => property.name === field && property.type === 'hidden')) {
			delete withoutPinned[field];
		}
	}
	const withDefaults = asCredentialData(
		NodeHelpers.getNodeParameters(
			properties,
			asParameters(withoutPinned),
			true,
			false,
			null,
			null,
		) ?? {},
	);
	if (stored.oauthTokenData !== undefined) withDefaults.oauthTokenData = stored.oauthTokenData;
	for (const allowList of ['allowedHttpRequestDomains', 'allowedDomains']) {
		if (withDefaults[allowList] === undefined && stored[allowList] !== undefined) {
			withDefaults[allowList] = stored[allowList];
		}
	}

	const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
	if (expressionResolveValues) {
		const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
			expressionResolveValues;
		return asCredentialData(
			workflow.expression.getParameterValue(
				asParameters(withDefaults),
				runExecutionData,
				runIndex,
				itemIndex,
				node.name,
				connectionInputData,
				mode,
				additionalKeys,
				executeData,
				false,
				withDefaults,
			),
		);
	}
	const workflow = new Workflow({
		nodes: [MOCK_NODE],
		connections: {},
		active: false,
		nodeTypes: MOCK_NODE_TYPES,
	});
	return await workflow.expression.withIsolate(async () =>
		asCredentialData(
			workflow.expression.getComplexParameterValue(
				MOCK_NODE,
				asParameters(withDefaults),
				mode,
				additionalKeys,
				undefined,
				undefined,
				withDefaults,
			),
		),
	);
}
