import { createServer } from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	ExecutionLifecycleHooks,
	HookContext,
	PollContext,
	WebhookContext,
	WorkflowExecute,
} from 'n8n-core';
import { createRunExecutionData, Workflow } from 'n8n-workflow';
import type {
	IDataObject,
	INode,
	INodeExecutionData,
	INodeParameters,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';

import { buildAdditionalData } from '../../harness/additionalData';
import { CredentialStore } from '../../harness/credentialStore';
import type { EngineCredentials } from '../../harness/credentialStore';
import { CredentialTypeRegistry } from '../../harness/credentialTypes';
import { HarnessCredentialsHelper } from '../../harness/credentialsHelper';
import type { LoadedPackage } from '../../harness/engine';
import { HarnessNodeTypes } from '../../harness/harnessNodeTypes';

/**
 * One workflow holding one trigger node, run the way n8n 2.41 runs it, with n8n-core's own
 * contexts: HookContext for activation/deactivation, WebhookContext for each HTTP delivery,
 * PollContext for polls, and WorkflowExecute for the execution the trigger starts.
 * Static data lives as JSON between calls (`WorkflowDatabase`), loaded into a fresh Workflow per
 * request and saved only when and where n8n 2.41.1 saves it (`__dataChanged`):
 * - a delivery that starts nothing: after the answer, from the webhook's Workflow;
 * - a delivery that starts an execution and answered itself (`noWebhookResponse`, as this trigger
 *   does): `executeWebhook` calls the response callback, which saves the webhook's Workflow, before
 *   `WorkflowRunner.run`; run then wraps the same static-data object in a new Workflow
 *   (`establishContextForPersistence`), which resets the change flag;
 * - one that returns its answer instead: run comes first, so the flag is reset and the save after
 *   the deferred answer is skipped;
 * - the execution runs on static data loaded from the database again (`prepareNewExecution`; a
 *   queue worker gets none) and saves it at its end when a node of the execution changed it.
 * Several instances given one database are n8n processes sharing Postgres (queue mode, or a restart).
 */

/** What n8n's database holds for one workflow's static data; shared by the "processes" given it. */
export class WorkflowDatabase {
	staticData: IDataObject = {};
}

const PACKAGE = 'n8n-nodes-hubspot-scheduling';
/** Each instance is its own workflow, as in n8n, so nothing a trigger remembers carries over between tests. */
let workflowsCreated = 0;

export interface EngineTriggerOptions {
	loaded: LoadedPackage;
	nodeType: 'hubSpotSchedulingTrigger' | 'hubSpotSchedulingPollingTrigger';
	parameters: INodeParameters;
	credentials: EngineCredentials;
	/** n8n's WEBHOOK_URL; defaults to http://localhost:5678. Production URLs live under /webhook, test URLs under /webhook-test. */
	instanceUrl?: string;
	/** "Listen for test event" in the editor instead of an active workflow. */
	testWebhook?: boolean;
	timezone?: string;
	/** Another process (or the same workflow after a restart): the same workflow id and database. */
	sameWorkflowAs?: EngineTriggerWorkflow;
	/** Executions run as a queue-mode worker runs them: without the workflow's static data. */
	queueWorker?: boolean;
	/**
	 * Awaited after the trigger's step of each execution and before the execution ends (and n8n saves
	 * its static data): the rest of a workflow still running, a call or a Wait.
	 */
	beforeExecutionEnds?: () => Promise<void>;
	/** The node's typeVersion, as a saved workflow holds it; 1 unless given. */
	typeVersion?: number;
}

export interface HttpAnswer {
	status: number;
	body: string;
}

export class EngineTriggerWorkflow {
	readonly database: WorkflowDatabase;
	/** The items of every execution the trigger started, in order. */
	readonly executions: IDataObject[][] = [];
	/** What the database held for the workflow's static data as each of those executions started. */
	readonly databaseAtExecutionStarts: IDataObject[] = [];
	readonly node: INode;
	private readonly nodeTypes: HarnessNodeTypes;
	private readonly credentialsHelper: HarnessCredentialsHelper;
	private executionCounter = 0;
	private readonly workflowId: string;
	private readonly inFlight = new Set<Promise<void>>();

	constructor(private readonly options: EngineTriggerOptions) {
		this.workflowId =
			options.sameWorkflowAs?.workflowId ?? `trigger-workflow-${++workflowsCreated}`;
		this.database = options.sameWorkflowAs?.database ?? new WorkflowDatabase();
		this.nodeTypes = new HarnessNodeTypes(options.loaded);
		const store = new CredentialStore(options.credentials);
		this.credentialsHelper = new HarnessCredentialsHelper(
			new CredentialTypeRegistry(options.loaded),
			store,
		);
		this.node = {
			id: 'trigger-node',
			name: 'HubSpot Trigger',
			type: `${PACKAGE}.${options.nodeType}`,
			typeVersion: options.typeVersion ?? 1,
			position: [0, 0],
			webhookId: '4f0c2a7e-5b1d-4c55-9d2e-6a3b8c1d0e9f',
			parameters: options.parameters,
			credentials: Object.fromEntries(
				store.types().map((type) => [type, { id: type, name: type }]),
			),
		};
	}

	/** What n8n's database holds for this workflow's static data. */
	get savedStaticData(): IDataObject {
		return this.database.staticData;
	}

	/** The path this workflow listens on: the production URL, or the test URL while listening for a test event. */
	get webhookPath(): string {
		return `/${this.options.testWebhook ? 'webhook-test' : 'webhook'}/${this.node.webhookId}/hubspot-contact-created`;
	}

	/** n8n's activation (or the start of "Listen for test event"): checkExists, then create when it returned false. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<void> {
		const mode: WorkflowExecuteMode = this.options.testWebhook ? 'manual' : 'trigger';
		const workflow = this.loadWorkflow();
		await workflow.expression.withIsolate(async () => {
			const exists = await this.runHook(workflow, 'checkExists', mode, activation);
			if (!exists) await this.runHook(workflow, 'create', mode, activation);
		});
		this.save(workflow);
	}

	async deactivate(): Promise<void> {
		const workflow = this.loadWorkflow();
		await workflow.expression.withIsolate(
			async () => await this.runHook(workflow, 'delete', 'internal', 'update'),
		);
		this.save(workflow);
	}

	/** Waits until every delivery received so far has been answered and its execution has finished. */
	async idle(): Promise<void> {
		while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
	}

	/** Serves one HTTP request the way n8n's live webhook handler does for an `onReceived` trigger. */
	async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const handling = this.serve(request, response);
		this.inFlight.add(handling);
		try {
			await handling;
		} finally {
			this.inFlight.delete(handling);
		}
	}

	private async serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const workflow = this.loadWorkflow();
		// n8n hands nodes its express request and response; these are the same Node objects underneath.
		const mode: WorkflowExecuteMode = this.options.testWebhook ? 'manual' : 'webhook';
		const additionalData = this.additionalData(mode, {
			httpRequest: request as unknown as IWorkflowExecuteAdditionalData['httpRequest'],
			httpResponse: response as unknown as IWorkflowExecuteAdditionalData['httpResponse'],
		});
		const context = new WebhookContext(
			workflow,
			this.node,
			additionalData,
			mode,
			this.webhookData(additionalData),
			[],
			null,
		);
		const nodeType = this.nodeTypes.getByNameAndVersion(this.node.type, 1);
		const webhook = nodeType.webhook as NonNullable<typeof nodeType.webhook>;
		let result;
		try {
			result = await workflow.expression.withIsolate(async () => await webhook.call(context));
		} catch (error) {
			// n8n answers 500 with the message and does not save static data.
			send(response, 500, { code: 0, message: (error as Error).message });
			return;
		}
		if (!result.workflowData) {
			if (!result.noWebhookResponse) send(response, 200, onReceivedBody(nodeType, result));
			this.save(workflow);
			return;
		}
		// executeWebhook: a result that answered itself gets the response callback (LiveWebhooks'
		// saveStaticData) before WorkflowRunner.run.
		if (result.noWebhookResponse) this.save(workflow);
		// WorkflowRunner.run → establishContextForPersistence: a new Workflow around the same object.
		this.workflowAround(workflow.staticData);
		// prepareNewExecution: the execution's static data is read from the database again.
		// A queue worker gets the execution's stored workflow, which n8n stores without static data.
		const executionWorkflow = this.options.queueWorker
			? this.workflowAround({})
			: this.loadWorkflow();
		// Otherwise the deferred `onReceived` answer, then the callback's save (its flag now reset).
		if (!result.noWebhookResponse) {
			send(response, 200, onReceivedBody(nodeType, result));
			this.save(workflow);
		}
		this.databaseAtExecutionStarts.push(structuredClone(this.database.staticData));
		this.executions.push(await this.execute(executionWorkflow, result.workflowData, mode));
		await this.options.beforeExecutionEnds?.();
		// The execution's workflowExecuteAfter hook (hookFunctionsSave / hookFunctionsSaveWorker).
		if (mode !== 'manual') this.save(executionWorkflow);
	}

	/** One poll as n8n's poll scheduler runs it; items it returns start an execution. */
	async poll(): Promise<IDataObject[] | null> {
		const workflow = this.loadWorkflow();
		const additionalData = this.additionalData('trigger');
		const context = new PollContext(workflow, this.node, additionalData, 'trigger', 'activate');
		const nodeType = this.nodeTypes.getByNameAndVersion(this.node.type, 1);
		const poll = nodeType.poll as NonNullable<typeof nodeType.poll>;
		const data = await workflow.expression.withIsolate(async () => await poll.call(context));
		this.save(workflow);
		if (data === null) return null;
		const items = await this.execute(workflow, data, 'trigger');
		this.executions.push(items);
		return items;
	}

	/** "Fetch Test Event" in the editor: a manual execution that starts at the polling node. */
	async fetchTestEvent(): Promise<IDataObject[]> {
		return await this.execute(this.loadWorkflow(), [[{ json: {} }]], 'manual');
	}

	private async execute(
		workflow: Workflow,
		data: INodeExecutionData[][],
		mode: WorkflowExecuteMode,
	): Promise<IDataObject[]> {
		const runExecutionData = createRunExecutionData({
			executionData: {
				nodeExecutionStack: [{ node: this.node, data: { main: data }, source: null }],
			},
		});
		const run = await new WorkflowExecute(
			this.additionalData(mode),
			mode,
			runExecutionData,
		).processRunExecutionData(workflow);
		const error = run.data.resultData.error;
		if (error) throw error;
		const output = run.data.resultData.runData[this.node.name]?.[0]?.data?.main?.[0] ?? [];
		return output.map((item) => item.json);
	}

	private async runHook(
		workflow: Workflow,
		method: 'checkExists' | 'create' | 'delete',
		mode: WorkflowExecuteMode,
		activation: WorkflowActivateMode,
	): Promise<boolean> {
		const additionalData = this.additionalData(mode);
		const context = new HookContext(
			workflow,
			this.node,
			additionalData,
			mode,
			activation,
			this.webhookData(additionalData),
		);
		const nodeType = this.nodeTypes.getByNameAndVersion(this.node.type, 1);
		const hook = nodeType.webhookMethods?.default?.[method];
		if (hook === undefined) throw new Error(`The trigger has no ${method} webhook method`);
		return await hook.call(context);
	}

	private loadWorkflow(): Workflow {
		return this.workflowAround(JSON.parse(JSON.stringify(this.database.staticData)) as IDataObject);
	}

	private workflowAround(staticData: IDataObject): Workflow {
		return new Workflow({
			id: this.workflowId,
			name: 'Trigger workflow',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes: this.nodeTypes,
			staticData,
			settings: { executionOrder: 'v1', timezone: this.options.timezone ?? 'UTC' },
		});
	}

	private save(workflow: Workflow): void {
		if (workflow.staticData.__dataChanged === true) {
			this.database.staticData = JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
			workflow.staticData.__dataChanged = false;
		}
	}

	private additionalData(
		mode: WorkflowExecuteMode,
		extra: Partial<IWorkflowExecuteAdditionalData> = {},
	): IWorkflowExecuteAdditionalData {
		this.executionCounter += 1;
		const settings = { executionOrder: 'v1' as const, timezone: this.options.timezone ?? 'UTC' };
		const hooks = new ExecutionLifecycleHooks(mode, String(this.executionCounter), {
			id: this.workflowId,
			name: 'Trigger workflow',
			active: true,
			activeVersionId: null,
			isArchived: false,
			createdAt: new Date(0),
			updatedAt: new Date(0),
			nodes: [this.node],
			connections: {},
			settings,
		});
		const base = buildAdditionalData({
			credentialsHelper: this.credentialsHelper,
			hooks,
			workflowId: this.workflowId,
			workflowSettings: settings,
		});
		return {
			...base,
			...(this.options.instanceUrl
				? {
						webhookBaseUrl: `${this.options.instanceUrl}/webhook`,
						webhookTestBaseUrl: `${this.options.instanceUrl}/webhook-test`,
					}
				: {}),
			...extra,
		};
	}

	private webhookData(additionalData: IWorkflowExecuteAdditionalData): IWebhookData {
		return {
			httpMethod: 'POST',
			node: this.node.name,
			path: `${this.node.webhookId}/hubspot-contact-created`,
			webhookDescription: {
				name: 'default',
				httpMethod: 'POST',
				responseMode: 'onReceived',
				path: 'hubspot-contact-created',
			},
			workflowId: this.workflowId,
			workflowExecuteAdditionalData: additionalData,
			webhookId: this.node.webhookId,
			...(this.options.testWebhook ? { isTest: true } : {}),
		};
	}
}

function send(response: ServerResponse, status: number, body: unknown): void {
	if (response.headersSent) return;
	response.statusCode = status;
	response.setHeader('Content-Type', 'application/json; charset=utf-8');
	response.end(JSON.stringify(body));
}

export interface N8nLikeServer {
	url: string;
	close(): Promise<void>;
}

/**
 * Stands in for n8n's HTTP front: reads the body into `rawBody` (n8n's rawBodyReader), parses JSON
 * into `body`, and hands POSTs on the trigger's path to the workflow. Anything else is a 404.
 */
export async function startN8nLikeServer(
	workflowFor: () => EngineTriggerWorkflow,
): Promise<N8nLikeServer> {
	const server = createServer((req, res) => {
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const rawBody = Buffer.concat(chunks);
			const workflow = workflowFor();
			if (req.method !== 'POST' || (req.url ?? '').split('?')[0] !== workflow.webhookPath) {
				send(res, 404, {
					message: `The requested webhook "${req.method} ${req.url}" is not registered.`,
				});
				return;
			}
			const request = Object.assign(req, {
				rawBody,
				body: parseJson(rawBody),
				originalUrl: req.url,
				protocol: 'http',
				query: {},
				params: {},
			});
			workflow
				.handle(request, res)
				.catch((error: Error) => send(res, 500, { message: error.message }));
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}`,
		close: async () => {
			server.closeAllConnections();
			await new Promise<void>((resolve, reject) =>
				server.close((error) => (error ? reject(error) : resolve())),
			);
		},
	};
}

function parseJson(rawBody: Buffer): unknown {
	try {
		return JSON.parse(rawBody.toString('utf8'));
	} catch {
		return {};
	}
}

/**
 * What n8n's webhook handler answers for an `onReceived` trigger that did not answer itself
 * (packages/cli/src/webhooks: webhook-helpers and webhook-on-received-response-extractor): without a
 * workflow to start, the returned webhookResponse; with one, the description's `responseData`
 * (default "firstEntryJson", sent as that literal text) wins over the webhookResponse.
 */
function onReceivedBody(
	nodeType: { description: { webhooks?: Array<{ responseData?: unknown }> } },
	result: { webhookResponse?: unknown; workflowData?: unknown },
): unknown {
	if (result.workflowData === undefined)
		return result.webhookResponse ?? { message: 'Webhook call received' };
	const responseData = nodeType.description.webhooks?.[0]?.responseData ?? 'firstEntryJson';
	if (responseData === 'noData') return undefined;
	if (responseData) return responseData;
	return result.webhookResponse ?? { message: 'Workflow was started' };
}
