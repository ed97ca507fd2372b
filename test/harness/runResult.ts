import type { ExecutionError, IDataObject, INodeExecutionData, IRun } from 'n8n-workflow';

import type { EngineCredentials } from './credentialStore';

export interface RunError {
	message: string;
	description?: string;
	httpCode?: string;
	itemIndex?: number;
}

export interface RunResult {
	status: 'success' | 'error';
	/** n8n's own status of the execution, e.g. 'canceled' after a cancel. */
	engineStatus: IRun['status'];
	/** Per node: the `main` outputs of its last run (output index → items). */
	outputs: Record<string, INodeExecutionData[][]>;
	error?: RunError;
	/** The credential store after the run, e.g. with a refreshed `oauthTokenData`. */
	credentialsAfter: EngineCredentials;
	/** The workflow static data after the run (what a trigger's webhook methods stored). */
	staticDataAfter: IDataObject;
}

function describeError(error: ExecutionError): RunError {
	const itemIndex = error.context?.itemIndex;
	const httpCode = 'httpCode' in error ? error.httpCode : undefined;
	return {
		message: error.message,
		...(error.description ? { description: error.description } : {}),
		...(typeof httpCode === 'string' ? { httpCode } : {}),
		...(typeof itemIndex === 'number' ? { itemIndex } : {}),
	};
}

function lastRunOutputs(run: IRun): Record<string, INodeExecutionData[][]> {
	const outputs: Record<string, INodeExecutionData[][]> = {};
	for (const [nodeName, taskRuns] of Object.entries(run.data.resultData.runData)) {
		const main = taskRuns.at(-1)?.data?.main;
		if (main) outputs[nodeName] = main.map((items) => items ?? []);
	}
	return outputs;
}

export function toRunResult(
	run: IRun,
	credentialsAfter: EngineCredentials,
	staticDataAfter: IDataObject,
): RunResult {
	const { error } = run.data.resultData;
	return {
		status: run.status === 'success' && !error ? 'success' : 'error',
		engineStatus: run.status,
		outputs: lastRunOutputs(run),
		...(error ? { error: describeError(error) } : {}),
		credentialsAfter,
		staticDataAfter,
	};
}
