import { ExternalSecretsProxy, type ExecutionLifecycleHooks } from 'n8n-core';
import {
	UnexpectedError,
	type ICredentialsHelper,
	type IWorkflowExecuteAdditionalData,
	type IWorkflowSettings,
} from 'n8n-workflow';

/** n8n's default URLs for an instance on localhost:5678 (`getBase` in n8n's `workflow-execute-additional-data.js`). */
const INSTANCE_URL = 'http://localhost:5678';

function unsupported(feature: string): never {
	throw new UnexpectedError(`${feature} is not available in the engine harness`);
}

/**
 * The additional data n8n hands to `WorkflowExecute`, minus the server-only services
 * (sub-workflows, task runners, variables, AI events), which fail loudly if a node reaches them.
 */
export function buildAdditionalData(args: {
	credentialsHelper: ICredentialsHelper;
	hooks: ExecutionLifecycleHooks;
	workflowId: string;
	workflowSettings: IWorkflowSettings;
}): IWorkflowExecuteAdditionalData {
	return {
		credentialsHelper: args.credentialsHelper,
		hooks: args.hooks,
		workflowId: args.workflowId,
		workflowSettings: args.workflowSettings,
		executionId: args.hooks.executionId,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${INSTANCE_URL}/rest`,
		instanceBaseUrl: `${INSTANCE_URL}/`,
		formBaseUrl: `${INSTANCE_URL}/form`,
		formWaitingBaseUrl: `${INSTANCE_URL}/form-waiting`,
		formTestBaseUrl: `${INSTANCE_URL}/form-test`,
		webhookBaseUrl: `${INSTANCE_URL}/webhook`,
		webhookWaitingBaseUrl: `${INSTANCE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${INSTANCE_URL}/webhook-test`,
		mcpBaseUrl: `${INSTANCE_URL}/mcp`,
		mcpTestBaseUrl: `${INSTANCE_URL}/mcp-test`,
		variables: {},
		externalSecretsProxy: new ExternalSecretsProxy(),
		executeWorkflow: async () => unsupported('Executing sub-workflows'),
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		startRunnerTask: async () => unsupported('The task runner (Code node)'),
		logAiEvent: () => undefined,
	};
}
