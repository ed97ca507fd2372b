import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { HubSpotClient } from '../../shared/transport/client';

export type OperationName = 'getSlots' | 'book' | 'cancel' | 'reschedule' | 'lookupContact';

export type ItemOutcome = { json: INodeExecutionData['json'] } | { error: Error };

/**
 * One operation = one file exporting its fields and its execute. Operations never loop over input
 * items; the router does, so continueOnFail and pairedItem are handled in exactly one place.
 */
export interface Operation {
	description: INodeProperties[];
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		hubspot: HubSpotClient,
	): Promise<INodeExecutionData['json'][]>;
	/**
	 * Optional: run several items together when HubSpot lets one call serve many of them
	 * (several phone numbers in one search). Returns one outcome per index, in order.
	 */
	executeBatch?(
		this: IExecuteFunctions,
		itemIndexes: number[],
		hubspot: HubSpotClient,
	): Promise<ItemOutcome[]>;
}
