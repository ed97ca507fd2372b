import type {
	IDataObject,
	IHookFunctions,
	IHttpRequestOptions,
	IPollFunctions,
	IWebhookFunctions,
} from 'n8n-workflow';

import type { Sandbox } from '../../../sandbox/server';
import { sendToSandbox } from '../../harness/sandboxRequests';
import { testNode } from '../../harness/testNode';

/**
 * Hand-built n8n contexts for unit tests: parameters from a map (absent ones fall back like n8n's
 * defaults), credentials by type, static data kept in an object the test owns (so it survives across
 * calls like n8n's saved static data), and a captured log. HubSpot is never imitated here: the
 * node's HubSpot calls go over HTTP to the test's sandbox (`sandbox`, through sendToSandbox), and
 * without a sandbox any HubSpot call fails the test. Faults come from the sandbox's fault rules.
 */

export interface RecordedCall {
	credentialType: string;
	method: string;
	url: string;
	qs?: IDataObject;
	body?: unknown;
}

export interface LogLine {
	level: 'info' | 'warn' | 'error' | 'debug';
	message: string;
	meta?: unknown;
}

export interface FakeContextOptions {
	parameters: Record<string, unknown>;
	credentials: Record<string, IDataObject>;
	/**
	 * The sandbox that answers the node's HubSpot calls; the credentials' baseUrl must be its URL.
	 * Without one, any HubSpot call is unexpected and fails the test.
	 */
	sandbox?: Sandbox;
	staticData?: IDataObject;
	mode?: string;
	timezone?: string;
	nodeUrl?: string;
	/** Default: a new workflow, unless the static data object was used by an earlier context. */
	workflowId?: string;
}

const workflowIds = new WeakMap<IDataObject, string>();
let workflowsCreated = 0;

/** Contexts sharing one static-data object are one workflow; any other context is a new one. */
function workflowIdFor(staticData: IDataObject | undefined): string {
	const id = `workflow-${++workflowsCreated}`;
	if (staticData === undefined) return id;
	const known = workflowIds.get(staticData);
	if (known) return known;
	workflowIds.set(staticData, id);
	return id;
}

export interface FakeEnvironment {
	workflowId: string;
	calls: RecordedCall[];
	/** Credential types the node read, in order (n8n resolves a credential on every read). */
	credentialReads: string[];
	logs: LogLine[];
	staticData: IDataObject;
}

export const NODE = testNode('hubSpotSchedulingTrigger', { id: 'trigger-node' });

function baseContext(options: FakeContextOptions, environment: FakeEnvironment) {
	const log = (level: LogLine['level']) => (message: string, meta?: unknown) => {
		environment.logs.push({ level, message, meta });
	};
	return {
		getNode: () => NODE,
		getWorkflow: () => ({ id: environment.workflowId, name: 'Test', active: true }),
		getMode: () => options.mode ?? 'webhook',
		getTimezone: () => options.timezone ?? 'UTC',
		getNodeParameter: (name: string, fallback?: unknown) =>
			name in options.parameters ? options.parameters[name] : fallback,
		getCredentials: async (type: string) => {
			environment.credentialReads.push(type);
			const credentials = options.credentials[type];
			if (credentials === undefined) throw new Error(`No credential of type ${type}`);
			return { ...credentials };
		},
		getWorkflowStaticData: () => environment.staticData,
		getNodeWebhookUrl: () =>
			options.nodeUrl ?? 'http://localhost:5678/webhook/abc/hubspot-contact-created',
		logger: { info: log('info'), warn: log('warn'), error: log('error'), debug: log('debug') },
		helpers: {
			httpRequestWithAuthentication: async (
				credentialType: string,
				request: IHttpRequestOptions,
			) => {
				const call: RecordedCall = {
					credentialType,
					method: request.method ?? 'GET',
					url: request.url,
					qs: request.qs,
					body: request.body,
				};
				environment.calls.push(call);
				return await forwardToSandbox(options, credentialType, request);
			},
		},
	};
}

/** Sends the call to the test's sandbox; a call elsewhere, or without a sandbox, fails the test. */
async function forwardToSandbox(
	options: FakeContextOptions,
	credentialType: string,
	request: IHttpRequestOptions,
): Promise<unknown> {
	const { sandbox } = options;
	if (sandbox === undefined)
		throw new Error(`Unexpected HubSpot call ${request.method ?? 'GET'} ${request.url}`);
	if (!request.url.startsWith(`${sandbox.url}/`))
		throw new Error(
			`HubSpot call ${request.method ?? 'GET'} ${request.url} is not addressed to the sandbox at ${sandbox.url}: set the credential's baseUrl to sandbox.url`,
		);
	return await sendToSandbox(NODE, credentialType, request, options.credentials);
}

function environmentFor(options: FakeContextOptions): FakeEnvironment {
	return {
		calls: [],
		credentialReads: [],
		logs: [],
		staticData: options.staticData ?? {},
		// A context that carries a workflow's static data over stands for the same workflow.
		workflowId: options.workflowId ?? workflowIdFor(options.staticData),
	};
}

export interface FakeRequest {
	method: string;
	originalUrl: string;
	headers: Record<string, string>;
	rawBody: Buffer;
	protocol?: string;
}

export interface CapturedResponse {
	statusCode?: number;
	headers: Record<string, string>;
	body?: string;
}

export function fakeWebhookContext(options: FakeContextOptions, request: FakeRequest) {
	const environment = environmentFor(options);
	const response: CapturedResponse = { headers: {} };
	const responseObject = {
		set statusCode(value: number) {
			response.statusCode = value;
		},
		setHeader: (name: string, value: string) => {
			response.headers[name.toLowerCase()] = value;
		},
		end: (body?: string) => {
			response.body = body;
		},
	};
	const headers = Object.fromEntries(
		Object.entries(request.headers).map(([name, value]) => [name.toLowerCase(), value]),
	);
	const context = {
		...baseContext(options, environment),
		getRequestObject: () => ({ ...request, url: request.originalUrl, headers }),
		getResponseObject: () => responseObject,
		getWebhookResourceUrl: () => undefined,
	};
	return { ctx: context as unknown as IWebhookFunctions, environment, response };
}

export function fakeHookContext(options: FakeContextOptions) {
	const environment = environmentFor(options);
	const context = baseContext({ mode: 'trigger', ...options }, environment);
	return { ctx: context as unknown as IHookFunctions, environment };
}

export function fakePollContext(options: FakeContextOptions & { pollBudgetMs?: number }) {
	const environment = environmentFor(options);
	const context = {
		...baseContext({ mode: 'trigger', ...options }, environment),
		getPollBudgetMs: () => options.pollBudgetMs ?? 300_000,
	};
	return { ctx: context as unknown as IPollFunctions, environment };
}
