import { NodeOperationError } from 'n8n-workflow';
import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { CancelledHubSpotCallError } from '../../shared/transport/cancellation';
import type { ClientOptions } from '../../shared/transport/client';
import { HubSpotClient, systemClock } from '../../shared/transport/client';
import { clockWithDeadline } from '../../shared/transport/deadlineClock';
import { credentialTypeFor } from '../../shared/transport/credentialTypes';
import type { AuthenticationMethod } from '../../shared/transport/credentialTypes';
import { describeRequestsMade, readPositiveInteger } from './common/input';
import { asNodeError } from './common/nodeError';
import { operations } from './operations';
import type { ItemOutcome, OperationName } from './types';

/** Owns the item loop: every input item yields output items or one error item, each paired to its input. */
export async function route(
	this: IExecuteFunctions,
	clientOptions: ClientOptions = {},
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const operationName = this.getNodeParameter('operation', 0) as OperationName;
	const operation = operations[operationName];
	if (!operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" is not supported`,
		);
	}
	const authentication = this.getNodeParameter('authentication', 0) as AuthenticationMethod;
	const hubspot = await HubSpotClient.connect(
		this,
		credentialTypeFor(authentication),
		withTimeLimit(this, clientOptions),
	);
	try {
		return await runItems(this, operation, items.length, hubspot);
	} catch (error) {
		throw hubspot.redactError(asNodeError(this.getNode(), error));
	}
}

async function runItems(
	context: IExecuteFunctions,
	operation: (typeof operations)[OperationName],
	itemCount: number,
	hubspot: HubSpotClient,
): Promise<INodeExecutionData[][]> {
	const indexes = Array.from({ length: itemCount }, (_, index) => index);
	const outcomes: ItemOutcome[][] = operation.executeBatch
		? (await operation.executeBatch.call(context, indexes, hubspot)).map((outcome) => [outcome])
		: await runOneByOne(context, indexes, hubspot, (index, itemClient) =>
				operation.execute.call(context, index, itemClient),
			);

	const returnData: INodeExecutionData[] = [];
	outcomes.forEach((itemOutcomes, itemIndex) => {
		for (const outcome of itemOutcomes) {
			if ('json' in outcome) {
				returnData.push({ json: outcome.json, pairedItem: { item: itemIndex } });
				continue;
			}
			const error = hubspot.redactError(outcome.error);
			// A cancelled execution has no one to continue for: it ends here, whatever On Error says.
			if (!context.continueOnFail() || error instanceof CancelledHubSpotCallError)
				throw withItemIndex(context, error, itemIndex);
			returnData.push({
				json: { error: error.message, ...errorDetails(error) },
				pairedItem: { item: itemIndex },
			});
		}
	});
	return [returnData];
}

/** Answer Within: one deadline for the whole run, counted from its start. */
function withTimeLimit(context: IExecuteFunctions, options: ClientOptions): ClientOptions {
	const seconds = readPositiveInteger(
		context,
		0,
		'answerWithinSeconds',
		'Answer Within (Seconds)',
		{
			min: 0,
			max: 300,
		},
	);
	if (seconds === 0) return options;
	const clock = options.clock ?? systemClock;
	return {
		...options,
		clock: clockWithDeadline(
			clock,
			clock.now() + seconds * 1000,
			`the node's time limit (Answer Within: ${seconds} s)`,
		),
	};
}

async function runOneByOne(
	context: IExecuteFunctions,
	indexes: number[],
	hubspot: HubSpotClient,
	run: (index: number, itemClient: HubSpotClient) => Promise<INodeExecutionData['json'][]>,
): Promise<ItemOutcome[][]> {
	const results: ItemOutcome[][] = [];
	for (const index of indexes) {
		const itemClient = hubspot.forItem(index);
		try {
			results.push((await run(index, itemClient)).map((json) => ({ json })));
		} catch (error) {
			const described = describeRequestsMade(error, index, itemClient.requestsMade);
			results.push([{ error: asError(context, described, index) }]);
			// Without continueOnFail the first failure ends the execution; don't touch later items.
			if (!context.continueOnFail() || error instanceof CancelledHubSpotCallError) break;
		}
	}
	return results;
}

function asError(context: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof Error) return error;
	return new NodeOperationError(context.getNode(), String(error), { itemIndex });
}

function withItemIndex(context: IExecuteFunctions, error: Error, itemIndex: number): Error {
	if (error instanceof NodeOperationError || 'httpCode' in error) {
		const nodeError = error as NodeOperationError;
		nodeError.context = { ...(nodeError.context ?? {}), itemIndex };
		return nodeError;
	}
	return new NodeOperationError(context.getNode(), error, { itemIndex });
}

function errorDetails(error: Error): Record<string, string> {
	const details: Record<string, string> = {};
	const description = (error as { description?: unknown }).description;
	if (typeof description === 'string' && description !== '') details.errorDescription = description;
	const httpCode = (error as { httpCode?: unknown }).httpCode;
	if (typeof httpCode === 'string') details.httpCode = httpCode;
	return details;
}
