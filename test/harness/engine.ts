import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import {
	createRunExecutionData,
	deepCopy,
	NodeHelpers,
	UserError,
	Workflow,
	type IConnections,
	type IDataObject,
	type INode,
	type INodeParameters,
	type INodeType,
	type IVersionedNodeType,
	type IWorkflowSettings,
	type WorkflowExecuteMode,
} from 'n8n-workflow';

import { buildAdditionalData } from './additionalData';
import { CredentialStore, type EngineCredentials } from './credentialStore';
import { CredentialTypeRegistry } from './credentialTypes';
import { HarnessCredentialsHelper } from './credentialsHelper';
import { HarnessNodeTypes } from './harnessNodeTypes';
import { loadPackageNodes, type LoadedPackage } from './packageLoader';
import { toRunResult, type RunResult } from './runResult';
import { prepareEngineRuntime } from './runtime';
import { HARNESS_START_NODE_TYPE } from './startNode';

export type { EngineCredentials } from './credentialStore';
export type { LoadedPackage } from './packageLoader';
export type { RunError, RunResult } from './runResult';
export { loadPackageNodes } from './packageLoader';
export { HARNESS_START_NODE_TYPE } from './startNode';

export const START_NODE_NAME = 'Start';
export const TESTED_NODE_NAME = 'Node';

export interface RunWorkflowOptions {
	packageDir: string;
	workflow: { nodes: INode[]; connections: IConnections };
	credentials: EngineCredentials;
	/** Items the `harness.start` node emits. */
	input?: IDataObject[];
	/** The workflow's time zone setting; without it n8n's default (America/New_York) applies. */
	timezone?: string;
	staticData?: IDataObject;
	mode?: WorkflowExecuteMode;
	/**
	 * Cancels the execution when it aborts, as n8n does when a user stops it or a caller goes away:
	 * `cancel()` on WorkflowExecute's PCancelable, which aborts the signal the nodes get.
	 */
	cancelSignal?: AbortSignal;
}

export interface RunNodeOptions {
	packageDir: string;
	/** Short type (`hubSpotScheduling`) or full type (`n8n-nodes-hubspot-scheduling.hubSpotScheduling`). */
	nodeType: string;
	parameters: INodeParameters;
	credentials: EngineCredentials;
	credentialType: string;
	input: IDataObject[];
	/** Sets the node's "On Error" to "Continue" (`onError: 'continueRegularOutput'`). */
	continueOnFail?: boolean;
	timezone?: string;
	cancelSignal?: AbortSignal;
}

const loadedPackages = new Map<string, Promise<LoadedPackage>>();
let executionCounter = 0;

/** Loading is memoised per directory, as n8n loads a package once per process. */
function loadOnce(packageDir: string): Promise<LoadedPackage> {
	let loaded = loadedPackages.get(packageDir);
	if (loaded === undefined) {
		loaded = loadPackageNodes(packageDir);
		loadedPackages.set(packageDir, loaded);
	}
	return loaded;
}

function nodeCredentialTypes(nodeType: INodeType | IVersionedNodeType): string[] {
	return (NodeHelpers.getVersionedNodeType(nodeType).description.credentials ?? []).map(
		({ name }) => name,
	);
}

/** Selects the stored credentials for every node that declares them, unless the workflow already did. */
function withCredentials(
	nodes: INode[],
	nodeTypes: HarnessNodeTypes,
	store: CredentialStore,
): INode[] {
	return nodes.map((node) => {
		const available = nodeCredentialTypes(nodeTypes.getByName(node.type)).filter((type) =>
			store.has(type),
		);
		const selected = Object.fromEntries(available.map((type) => [type, { id: type, name: type }]));
		return { ...node, credentials: { ...selected, ...node.credentials } };
	});
}

/** Refuses credentials the package does not define, or fields their type does not declare (likely test typos). */
function assertCredentialsMatchTypes(
	credentials: EngineCredentials,
	registry: CredentialTypeRegistry,
): void {
	for (const [type, data] of Object.entries(credentials)) {
		const undeclared = registry.undeclaredFields(type, data);
		if (undeclared.length > 0) {
			const declared = registry.getProperties(type).map(({ name }) => name);
			throw new UserError(
				`Credential "${type}" has no field(s) ${undeclared.join(', ')}; it declares ${declared.join(', ')}`,
			);
		}
	}
}

/** Runs a workflow through n8n-core's `WorkflowExecute`, starting at its `harness.start` node. */
export async function runWorkflow(options: RunWorkflowOptions): Promise<RunResult> {
	await prepareEngineRuntime();
	const loaded = await loadOnce(options.packageDir);
	const nodeTypes = new HarnessNodeTypes(loaded);
	const registry = new CredentialTypeRegistry(loaded);
	assertCredentialsMatchTypes(options.credentials, registry);
	const store = new CredentialStore(options.credentials);
	const credentialsHelper = new HarnessCredentialsHelper(registry, store);

	const nodes = withCredentials(deepCopy(options.workflow.nodes), nodeTypes, store);
	const startNode = nodes.find((node) => node.type === HARNESS_START_NODE_TYPE);
	if (startNode === undefined) {
		throw new UserError(`The workflow needs a "${HARNESS_START_NODE_TYPE}" node to start from`);
	}
	const settings: IWorkflowSettings = {
		executionOrder: 'v1',
		...(options.timezone ? { timezone: options.timezone } : {}),
	};
	const workflowData = {
		id: 'harness-workflow',
		name: 'Harness workflow',
		active: false,
		activeVersionId: null,
		isArchived: false,
		createdAt: new Date(0),
		updatedAt: new Date(0),
		nodes,
		connections: options.workflow.connections,
		settings,
		staticData: deepCopy(options.staticData ?? {}),
	};
	const workflow = new Workflow({ ...workflowData, nodeTypes });

	const mode = options.mode ?? 'manual';
	executionCounter += 1;
	const hooks = new ExecutionLifecycleHooks(mode, String(executionCounter), workflowData);
	const additionalData = buildAdditionalData({
		credentialsHelper,
		hooks,
		workflowId: workflowData.id,
		workflowSettings: settings,
	});
	const runExecutionData = createRunExecutionData({
		executionData: {
			nodeExecutionStack: [
				{
					node: startNode,
					data: { main: [(options.input ?? [{}]).map((json) => ({ json }))] },
					source: null,
				},
			],
		},
	});
	const execution = new WorkflowExecute(
		additionalData,
		mode,
		runExecutionData,
	).processRunExecutionData(workflow);
	const cancel = () => execution.cancel();
	if (options.cancelSignal?.aborted) cancel();
	options.cancelSignal?.addEventListener('abort', cancel, { once: true });
	try {
		return toRunResult(await execution, store.snapshot(), workflow.staticData);
	} finally {
		options.cancelSignal?.removeEventListener('abort', cancel);
	}
}

function latestVersion(nodeType: INodeType | IVersionedNodeType): number {
	if ('nodeVersions' in nodeType) return nodeType.currentVersion;
	const { version } = nodeType.description;
	return Array.isArray(version) ? Math.max(...version) : version;
}

/** One node of the package fed by the harness start node: `Start → Node`. */
export async function runNode(options: RunNodeOptions): Promise<RunResult> {
	const loaded = await loadOnce(options.packageDir);
	const fullType = options.nodeType.includes('.')
		? options.nodeType
		: `${loaded.packageName}.${options.nodeType}`;
	const nodeType = loaded.nodeTypes.get(fullType);
	if (nodeType === undefined) {
		throw new UserError(`Package "${loaded.packageName}" has no node "${fullType}"`, {
			extra: { known: [...loaded.nodeTypes.keys()] },
		});
	}
	const testedNode: INode = {
		id: 'tested-node',
		name: TESTED_NODE_NAME,
		type: fullType,
		typeVersion: latestVersion(nodeType),
		position: [200, 0],
		parameters: options.parameters,
		credentials: {
			[options.credentialType]: { id: options.credentialType, name: options.credentialType },
		},
		...(options.continueOnFail ? { onError: 'continueRegularOutput' as const } : {}),
	};
	const startNode: INode = {
		id: 'start-node',
		name: START_NODE_NAME,
		type: HARNESS_START_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
	};
	return await runWorkflow({
		packageDir: options.packageDir,
		workflow: {
			nodes: [startNode, testedNode],
			connections: {
				[START_NODE_NAME]: { main: [[{ node: TESTED_NODE_NAME, type: 'main', index: 0 }]] },
			},
		},
		credentials: options.credentials,
		input: options.input,
		timezone: options.timezone,
		cancelSignal: options.cancelSignal,
	});
}
